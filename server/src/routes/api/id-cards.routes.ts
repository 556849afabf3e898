import { Type } from 'typebox';
import { CardRead, IdReaderView, Nullable } from '@onewindow/protocol';
import { Errors, resource, secured, strict, who } from './common.ts';

/**
 * `/api/id-cards`: the hall's second-generation ID-card readers (实名取号, extension). A kiosk reads
 * on its own reader, the guide desk on a desk reader; the answer is masked, with a token to issue a
 * real-name ticket with. The ID number itself never leaves the server.
 */
export default resource('id-cards', async (app) => {
  const { idCards, audit } = app.services;

  app.get('/api/id-cards/readers', {
    preHandler: app.allow('kiosk', 'guide', 'supervisor'),
    schema: {
      tags: ['id-cards'], security: secured, summary: 'The ID-card readers this device or person may use, with their state (extension)',
      response: { 200: Type.Object({ readers: Type.Array(IdReaderView) }), ...Errors },
    },
  }, async (req) => ({ readers: idCards.list(who(req)) }));

  app.post('/api/id-cards/read', {
    preHandler: app.allow('kiosk', 'guide', 'supervisor'),
    config: { rateLimit: { max: 120, timeWindow: '1 minute' } },
    schema: {
      tags: ['id-cards'], security: secured,
      summary: 'Wait up to `waitSec` for a card on the reader and read it (a kiosk: its own reader); `card: null` when none was laid on it. 422 ID_CARD_UNREADABLE, 409 READER_BUSY, 503 READER_OFFLINE / READER_FAULT (extension)',
      body: Type.Object({
        readerId: Type.Optional(Type.String({ minLength: 1, maxLength: 32, pattern: '^[A-Za-z0-9_-]+$' })),
        waitSec: Type.Optional(Type.Integer({ minimum: 0, maximum: 30, description: 'default 10' })),
      }, strict),
      response: { 200: Type.Object({ card: Nullable(CardRead) }), ...Errors },
    },
  }, async (req) => {
    const p = who(req);
    const stop = new AbortController();
    req.raw.once('close', () => stop.abort());
    const card = await idCards.read(p, req.body.readerId, (req.body.waitSec ?? 10) * 1000, stop.signal);
    // A person reading a visitor's card is recorded; a kiosk's reads are the visitors' own.
    if (card && p.kind === 'user') audit.record(p, 'id-card-read', `reader:${card.readerId}`, { idMasked: card.idMasked }, req.ip);
    return { card };
  });
});
