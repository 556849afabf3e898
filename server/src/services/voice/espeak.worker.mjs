// The built-in synthesiser in a process of its own, started by espeak.ts over an IPC channel.
//
// eSpeak NG compiled to WebAssembly (@echogarden/espeak-ng-emscripten, GPL-3.0): a separate
// program the server talks to through messages, not a library linked into it. Its own process
// also keeps its 100 MB of memory and its CPU time off the server's event loop and heap, and a
// crash in it costs one announcement, never the hall.
//
// Plain JavaScript (not TypeScript) so that the same file runs from the sources (tests, `npm run
// dev`) and from the compiled server (`tsc` copies it to dist/ with allowJs).
//
// Request: { id, text, voice, speed }  →  reply: { id, sampleRate, samples: Int16Array } or { id, error }.
import Espeak from '@echogarden/espeak-ng-emscripten';

const module = await Espeak();
const engine = new module.eSpeakNGWorker();
const sampleRate = engine.get_samplerate();
let voice = null;
let speed = null;

process.on('message', (req) => {
  try {
    if (req.voice !== voice) {
      engine.set_voice(req.voice);
      voice = req.voice;
    }
    if (req.speed !== speed) {
      engine.set_rate(req.speed);
      speed = req.speed;
    }
    const chunks = [];
    engine.synthesize(req.text, (samples) => {
      if (samples && samples.length) chunks.push(samples.slice());
      return 0;
    });
    const samples = new Int16Array(chunks.reduce((n, c) => n + c.length, 0));
    let at = 0;
    for (const c of chunks) {
      samples.set(c, at);
      at += c.length;
    }
    process.send({ id: req.id, sampleRate, samples });
  } catch (err) {
    process.send({ id: req.id, error: String(err?.message ?? err) });
  }
});
// The server went away (or closed the channel): nothing more to say.
process.on('disconnect', () => process.exit(0));
process.send({ ready: true, sampleRate });
