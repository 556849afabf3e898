import { Type } from 'typebox';
import { ErrorBody } from '@onewindow/protocol';
import { AppError } from '../../services/app-error.ts';
import { resource, strict } from './common.ts';

const AudioParams = Type.Object({
  file: Type.String({ pattern: '^[0-9a-f]{24}\\.wav$', description: 'as given in a call\'s `announcement.audioUrl`' }),
}, strict);

/**
 * `/api/announcements/:key.wav`: a call's announcement as audio, for the caller screens. Open to
 * anyone like the pages themselves (an `<audio>` element sends no bearer token); only phrases the
 * server handed out in a call have a key, so nothing else can be made to speak. The key names the
 * words and the voice, so the answer never changes: cached for a year, revalidated by its ETag.
 */
export default resource('announcements', async (app) => {
  const { voice } = app.services;

  app.get('/api/announcements/:file', {
    schema: {
      tags: ['hall'], summary: 'A call\'s announcement as Mandarin (or English) speech, WAV',
      description: 'Extension. The URL comes with each call (`announcement.audioUrl`, `announcement.en.audioUrl`) on `ticket:called`, `ticket:recalled` and the snapshot\'s `recentCalls`. '
        + 'Rendered from the hall\'s voice pack or the built-in synthesiser on first request (or right after the call), then cached. '
        + '`Cache-Control: public, max-age=31536000, immutable` with an ETag; 404 for a key this server never gave out; 503 when the voice cannot render.',
      params: AudioParams,
      response: {
        200: { description: '16-bit PCM WAV, mono', content: { 'audio/wav': { schema: Type.Unsafe<Buffer>({ type: 'string', format: 'binary' }) } } },
        304: { description: 'not modified (If-None-Match)', type: 'null' },
        400: ErrorBody, 404: ErrorBody, 503: ErrorBody,
      },
    },
  }, async (req, reply) => {
    const key = req.params.file.slice(0, -4);
    const etag = `"${key}"`;
    if (req.headers['if-none-match'] === etag) return reply.status(304).header('etag', etag).send(null);
    let wav: Buffer | null;
    try {
      wav = await voice.audio(key);
    } catch (err) {
      req.log.error({ err }, 'rendering an announcement failed');
      throw new AppError(503, 'VOICE_UNAVAILABLE', 'the announcement cannot be rendered now: the screens fall back to their own voice or chime');
    }
    if (!wav) throw new AppError(404, 'ANNOUNCEMENT_UNKNOWN', 'no announcement of a call has this key');
    return reply
      .header('content-type', 'audio/wav')
      .header('cache-control', 'public, max-age=31536000, immutable')
      .header('etag', etag)
      .send(wav);
  });
});
