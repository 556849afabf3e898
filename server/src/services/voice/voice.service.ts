import { createHash } from 'node:crypto';
import { isAbsolute, join, resolve } from 'node:path';
import type { HallConfig } from '@onewindow/config';
import { announcementOf, DEFAULT_ANNOUNCEMENT_EN, type CallAnnouncement } from '@onewindow/protocol';
import type { HallService } from '../hall/hall.service.ts';
import type { Committed } from '../hall/log-events.ts';
import { AudioCache, DEFAULT_CACHE_LIMITS, type AudioCacheLimits } from './audio-cache.ts';
import { EspeakSynthesiser, type Synthesiser } from './espeak.ts';
import { phraseOf, phraseText, synthesiserText, type Lang, type Phrase } from './phrase.ts';
import { loadVoicePack, type VoicePack } from './voice-pack.ts';
import { encodeWav } from './wav.ts';

/** Where screens fetch a rendered announcement; the key names the phrase and the voice that says it. */
export const AUDIO_PATH = '/api/announcements/';
export const AUDIO_KEY = /^[0-9a-f]{24}$/;

/** How many phrases the server remembers it handed out (their audio may be asked for later). */
const KNOWN_PHRASES = 2000;
/**
 * Calls rendered ahead of any screen asking, at most at once. A hall calls seconds apart; under a
 * flood of calls (a load test) the rest are rendered when a screen asks for them, at the pace the
 * screens announce them, instead of queueing work the synthesiser cannot catch up with.
 */
const MAX_AHEAD = 4;
/**
 * Calls rendered ahead, at most this many a second on average (bursts up to MAX_AHEAD). A large
 * hall at its peak calls about once every ten seconds, and a screen says one call in about five:
 * past this pace no screen could play what would be rendered, and the synthesiser would only take
 * the processor from the calls themselves. A call not rendered ahead is rendered when a screen
 * asks for it.
 */
const AHEAD_PER_SEC = 1;

export interface VoiceDeps {
  hall: HallService;
  /** The live configuration object (a reload replaces its contents in place). */
  config: HallConfig;
  dataDir: string;
  /** The installation folder: a relative `voice.pack` is found from there. */
  root: string;
  /** Whether any caller screen is paired: only then is each call rendered as soon as it is committed. */
  screens: () => boolean;
  synthesiser?: Synthesiser;
  cache?: Partial<AudioCacheLimits>;
  log?: { error(obj: object, msg: string): void; warn?(obj: object, msg: string): void };
}

type Source = { kind: 'browser' } | { kind: 'synthesiser' } | { kind: 'pack'; pack: VoicePack | null; dir: string; problem: string | null };

/**
 * The caller screens' voice, rendered by the server so that every screen speaks, whatever its
 * browser has: each call carries `announcement: {text, audioUrl}` (and the English `en`), and
 * `GET audioUrl` answers WAV from a voice pack the hall recorded or the built-in synthesiser.
 *
 * Rendering never stands in a call's way: a call is committed and sent first; its Mandarin audio
 * is rendered right after the commit (when a caller screen is paired), and any phrase not yet
 * rendered is rendered when a screen asks for it. Audio is cached per phrase, in memory and in
 * the data folder, both bounded.
 */
export class VoiceService {
  private readonly phrases = new Map<string, Phrase>();
  private readonly inflight = new Map<string, Promise<Buffer>>();
  private readonly cache: AudioCache;
  private readonly synth: Synthesiser;
  private source: Source | null = null;
  private sourceKey = '';
  private unsubscribe: (() => void) | null = null;
  /** Calls being rendered ahead of any screen asking (bounded by MAX_AHEAD). */
  private ahead = 0;
  /** Renders ahead still allowed now (refilled at AHEAD_PER_SEC up to MAX_AHEAD), and when it was counted. */
  private aheadAllowance = MAX_AHEAD;
  private aheadCountedAt = performance.now();

  constructor(private readonly deps: VoiceDeps) {
    this.cache = new AudioCache(join(deps.dataDir, 'voice-cache'), { ...DEFAULT_CACHE_LIMITS, ...deps.cache });
    this.synth = deps.synthesiser ?? new EspeakSynthesiser({ speed: deps.config.voice?.speed });
  }

  /**
   * Renders each call right after its commit, so the audio is ready when the screens ask; and
   * starts the synthesiser ahead of the first call (it takes seconds to start) when a hall with
   * caller screens opens its windows, or starts with them paired.
   */
  start(): void {
    if (this.unsubscribe) return;
    this.unsubscribe = this.deps.hall.onCommit((batch) => this.onCommit(batch));
    this.warm();
  }

  async close(): Promise<void> {
    this.unsubscribe?.();
    this.unsubscribe = null;
    await this.synth.close();
  }

  /** A call's announcement: the words, and where screens fetch them as audio. */
  announcement(number: string, windowId: string): CallAnnouncement {
    const c = this.deps.config;
    const w = c.windows.find((x) => x.id === windowId);
    const zh = phraseOf('zh', announcementOf(c).template, number, windowId, w?.name ?? windowId);
    const en = phraseOf('en', c.announcement?.templateEn ?? DEFAULT_ANNOUNCEMENT_EN, number, windowId, w?.nameEn ?? w?.name ?? windowId);
    const audible = this.currentSource().kind !== 'browser';
    return {
      text: phraseText(zh), ...(audible ? { audioUrl: this.url(zh) } : {}),
      en: { text: phraseText(en), ...(audible ? { audioUrl: this.url(en) } : {}) },
    };
  }

  /**
   * The audio of a phrase this server handed out (or rendered before a restart): from the cache,
   * else rendered now. Null for a key it does not know.
   */
  async audio(key: string): Promise<Buffer | null> {
    if (!AUDIO_KEY.test(key)) return null;
    const cached = await this.cache.get(key);
    if (cached) return cached;
    const phrase = this.phrases.get(key);
    return phrase ? this.render(key, phrase) : null;
  }

  /** Which voice speaks now, for the console and the logs. */
  describe(): { source: 'browser' | 'synthesiser' | 'pack'; voice: string; problem: string | null } {
    const s = this.currentSource();
    if (s.kind === 'pack') return { source: 'pack', voice: s.pack?.id ?? 'none', problem: s.problem };
    return { source: s.kind, voice: s.kind === 'synthesiser' ? this.synth.id : 'browser', problem: null };
  }

  cacheStats() {
    return this.cache.stats();
  }

  private warm(): void {
    // Not after close(): a sign-in's warm-up runs a tick later and must not start a process no one stops.
    if (!this.unsubscribe) return;
    if (this.currentSource().kind === 'synthesiser' && this.deps.screens()) this.synth.warm();
  }

  private onCommit(batch: Committed[]): void {
    for (const { event } of batch) {
      if (event.type === 'config.reloaded') this.source = null;
      if (event.type === 'window.signed-in') setImmediate(() => this.warm());
      if (event.type !== 'ticket.called' && event.type !== 'ticket.recalled') continue;
      const t = this.deps.hall.state.tickets.get(event.ticketId);
      if (!t || !this.deps.screens()) continue;
      const a = this.announcement(t.number, event.windowId);
      const key = a.audioUrl?.slice(AUDIO_PATH.length, -4);
      // After the commit's listeners, off the path of the answers they are part of.
      if (key && this.ahead < MAX_AHEAD && this.takeAhead()) {
        this.ahead++;
        setImmediate(() => { void this.audio(key).catch(() => {}).finally(() => { this.ahead--; }); });
      }
    }
  }

  /** Monotonic time, not the hall clock: a step of the system clock must not stop or flood the renders. */
  private takeAhead(): boolean {
    const now = performance.now();
    this.aheadAllowance = Math.min(MAX_AHEAD, this.aheadAllowance + ((now - this.aheadCountedAt) / 1000) * AHEAD_PER_SEC);
    this.aheadCountedAt = now;
    if (this.aheadAllowance < 1) return false;
    this.aheadAllowance -= 1;
    return true;
  }

  private url(p: Phrase): string {
    const s = this.currentSource();
    const voice = s.kind === 'pack' && s.pack ? s.pack.id : this.synth.id;
    const key = createHash('sha256').update(`${voice}\0${p.lang}\0${JSON.stringify(p.parts)}`).digest('hex').slice(0, 24);
    if (this.phrases.has(key)) this.phrases.delete(key);
    this.phrases.set(key, p);
    if (this.phrases.size > KNOWN_PHRASES) this.phrases.delete(this.phrases.keys().next().value!);
    return `${AUDIO_PATH}${key}.wav`;
  }

  /** One render per phrase at a time: screens asking together wait for the same one. */
  private render(key: string, p: Phrase): Promise<Buffer> {
    const running = this.inflight.get(key);
    if (running) return running;
    const job = (async () => {
      const wav = encodeWav(await this.pcm(p));
      await this.cache.put(key, wav);
      return wav;
    })().finally(() => this.inflight.delete(key));
    this.inflight.set(key, job);
    return job;
  }

  private async pcm(p: Phrase) {
    const s = this.currentSource();
    if (s.kind === 'pack' && s.pack && p.lang === 'zh') {
      const r = s.pack.render(p);
      if ('pcm' in r) return r.pcm;
      // Half a call in the hall's voice is worse than a whole one in the synthesiser's.
      this.deps.log?.warn?.({ missing: r.missing }, `the voice pack has no clip for ${r.missing.join(' ')}: the synthesiser says "${phraseText(p)}"`);
    }
    return this.synth.say(synthesiserText(p), p.lang);
  }

  /** The configured source, (re)loaded when the hall file changed. */
  private currentSource(): Source {
    const v = this.deps.config.voice;
    const kind = v?.source ?? (v?.pack ? 'pack' : 'synthesiser');
    const key = `${kind}\0${v?.pack ?? ''}`;
    if (this.source && key === this.sourceKey) return this.source;
    this.sourceKey = key;
    if (kind !== 'pack') return (this.source = { kind });
    const dir = isAbsolute(v!.pack!) ? v!.pack! : resolve(this.deps.root, v!.pack!);
    try {
      const { pack, problems } = loadVoicePack(dir);
      const problem = problems.length > 0 ? problems.join('; ') : null;
      if (problem) this.deps.log?.error({ dir, problems }, 'some clips of the voice pack cannot be read');
      this.source = { kind: 'pack', pack, dir, problem };
    } catch (err) {
      this.deps.log?.error({ err, dir }, 'the voice pack cannot be read: the synthesiser speaks instead');
      this.source = { kind: 'pack', pack: null, dir, problem: (err as Error).message };
    }
    return this.source;
  }
}
