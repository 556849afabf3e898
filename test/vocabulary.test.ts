import { readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import * as protocol from '@onewindow/protocol';
import counterZh from '../counter-ui/src/i18n/zh-CN.ts';
import counterEn from '../counter-ui/src/i18n/en.ts';
import { KNOWN_ERRORS } from '../counter-ui/src/lib/errors.ts';
import { ASPECTS, PAUSE_REASONS } from '../counter-ui/src/lib/reasons.ts';
import displayZh from '../display-ui/src/i18n/zh-CN.ts';
import displayEn from '../display-ui/src/i18n/en.ts';
import consoleZh from '../display-ui/src/views/supervisor/console/zh-CN.ts';
import consoleEn from '../display-ui/src/views/supervisor/console/en.ts';
import districtZh from '../display-ui/src/district/i18n/zh-CN.ts';
import districtEn from '../display-ui/src/district/i18n/en.ts';
import { kioskError } from '../kiosk-ui/src/lib/errors.ts';
import { mergeMessages, type Messages } from '../kiosk-ui/src/lib/messages.ts';

/**
 * Chinese first, English available, for every code a UI can show. Walks every code list the
 * protocol exports (a list added there — routing reasons, say — is checked from then on) and the
 * dictionaries of each app: each code needs a zh-CN and an en text, in the protocol's vocabulary or
 * in the dictionary of every app that shows it.
 */
type Dict = Record<string, unknown>;
const kioskFiles = Object.fromEntries(await Promise.all(readdirSync(new URL('../kiosk-ui/src/i18n/', import.meta.url))
  .filter((f) => /\.[a-z]{2}(-[A-Z]{2})?\.ts$/.test(f))
  .map(async (f) => [`./${f}`, (await import(/* @vite-ignore */ new URL(`../kiosk-ui/src/i18n/${f}`, import.meta.url).href)).default as Messages] as const)));
const kiosk = mergeMessages(kioskFiles).messages;

const APPS: Record<string, { zh: Dict; en: Dict }> = {
  kiosk: { zh: kiosk['zh-CN'], en: kiosk.en },
  counter: { zh: counterZh, en: counterEn },
  display: { zh: { ...displayZh, ...consoleZh }, en: { ...displayEn, ...consoleEn } },
  district: { zh: districtZh, en: districtEn },
};

/** Where each exported code list is put into words, when not in the protocol's VOCABULARY: app and dictionary path. */
const SHOWN_IN: Record<string, [app: string, path: string][]> = {
  Roles: [['display', 'admin.roles']],
  DeviceKinds: [['display', 'admin.kinds']],
  TicketStatuses: [['counter', 'status']],
  Outcomes: [['counter', 'outcome']],
  CheckInKinds: [['kiosk', 'kiosk.booking']],
  HallLevels: [['district', 'levels']],
};
/** Exported lists no person reads, and why. */
const NOT_SHOWN: Record<string, string> = {
  SERVER_EVENTS: 'socket event names on the wire',
  AGENT_LINES: 'the device agent\'s line names on its socket (docs/agent.md)',
  AppointmentStatuses: 'the booking page says each state in a sentence of its own (book.done.*), tested in its browser test',
};

/** English left empty on purpose: Chinese measure words and particles English has no word for. */
const EMPTY_IN_ENGLISH = new Set(['kiosk track.people', 'kiosk track.called.act', 'display caller.unit', 'display window.callSuffix']);

const at = (d: Dict, path: string): unknown => path.split('.').reduce<unknown>((x, k) => (x && typeof x === 'object' ? (x as Dict)[k] : undefined), d);
const text = (d: Dict, path: string) => { const v = at(d, path); return typeof v === 'string' && v.trim() ? v : null; };
const leaves = (d: unknown, prefix = ''): string[] =>
  d && typeof d === 'object' ? Object.entries(d).flatMap(([k, v]) => leaves(v, prefix ? `${prefix}.${k}` : k)) : [prefix];

/** Every module of the protocol, not only what its index re-exports: a new list is checked the day it lands. */
const modules = await Promise.all(readdirSync(new URL('../protocol/src/', import.meta.url))
  .filter((f) => f.endsWith('.ts') && !f.endsWith('.test.ts'))
  .map(async (f) => Object.entries(await import(/* @vite-ignore */ new URL(`../protocol/src/${f}`, import.meta.url).href) as Record<string, unknown>)));
const codeLists = [...new Map(modules.flat().filter((e): e is [string, readonly string[]] =>
  Array.isArray(e[1]) && e[1].length > 0 && e[1].every((x) => typeof x === 'string'))).entries()];

describe('one vocabulary, fully translated', () => {
  it('finds the protocol\'s code lists', () => {
    expect(codeLists.map(([name]) => name)).toEqual(expect.arrayContaining(['REVIEW_REASONS', 'AUDIT_ACTIONS', 'ALERT_KINDS', 'TicketStatuses']));
  });

  it.each(codeLists)('every code of %s has a zh-CN and an en text', (name, codes) => {
    if (NOT_SHOWN[name]) return;
    const vocab = protocol.VOCABULARY[name];
    const places = SHOWN_IN[name] ?? [];
    expect(vocab || places.length, `${name}: exported by the protocol, translated nowhere (add it to VOCABULARY or say where it is shown)`).toBeTruthy();
    const missing: string[] = [];
    for (const code of codes) {
      if (vocab && !(vocab[code]?.zh.trim() && vocab[code]?.en.trim())) missing.push(`VOCABULARY.${name}.${code}`);
      for (const [app, path] of places) {
        for (const lang of ['zh', 'en'] as const) if (!text(APPS[app][lang], `${path}.${code}`)) missing.push(`${app} ${lang} ${path}.${code}`);
      }
    }
    expect(missing).toEqual([]);
  });

  it('the apps\' own code lists: error codes, pause reasons, aspects, the kiosk\'s refusals', () => {
    const missing: string[] = [];
    const need = (app: string, path: string) => { for (const lang of ['zh', 'en'] as const) if (!text(APPS[app][lang], path)) missing.push(`${app} ${lang} ${path}`); };
    for (const c of KNOWN_ERRORS) need('counter', `errors.${c}`);
    for (const c of PAUSE_REASONS) need('counter', `pauseReasons.${c}`);
    for (const c of ASPECTS) need('counter', `aspect.${c}`);
    const kioskCodes = ['HALL_CLOSED', 'DAY_FULL', 'APPOINTMENT_UNKNOWN', 'TOO_EARLY', 'APPOINTMENT_EXPIRED', 'APPOINTMENT_CANCELLED', 'ALREADY_CHECKED_IN',
      'APPOINTMENT_SOMETHING_NEW', 'OFFLINE', 'NETWORK', 'HTTP_503', 'FST_ERR_RATE_LIMITED', 'ANYTHING_ELSE'];
    for (const c of kioskCodes) need('kiosk', `kiosk.errors.${kioskError(c).key}.title`);
    need('display', 'alertKind.other');
    expect(missing).toEqual([]);
  });

  it.each(Object.keys(APPS))('%s: the Chinese and the English dictionaries have the same keys, none empty', (app) => {
    const { zh, en } = APPS[app];
    expect(leaves(en).sort()).toEqual(leaves(zh).sort());
    expect(leaves(zh).filter((p) => !text(zh, p))).toEqual([]);
    expect(leaves(en).filter((p) => !text(en, p) && !EMPTY_IN_ENGLISH.has(`${app} ${p}`))).toEqual([]);
  });
});
