/**
 * A call's announcement as words to say: the template cut into its fixed text, the ticket number
 * and the window, so that a voice pack can say each from its own clips and the synthesiser can be
 * given text it reads the way a hall does. Pure.
 */
export type Lang = 'zh' | 'en';

export type Part =
  | { kind: 'text'; text: string }
  /** "A012": said letter by letter and digit by digit. */
  | { kind: 'number'; text: string }
  | { kind: 'window'; text: string; windowId: string };

export interface Phrase { lang: Lang; parts: Part[] }

export function phraseOf(lang: Lang, template: string, number: string, windowId: string, windowName: string): Phrase {
  const parts: Part[] = [];
  for (const piece of template.split(/(\{number\}|\{window\})/)) {
    if (piece === '{number}') parts.push({ kind: 'number', text: number });
    else if (piece === '{window}') parts.push({ kind: 'window', text: windowName, windowId });
    else if (piece !== '') parts.push({ kind: 'text', text: piece });
  }
  return { lang, parts };
}

/** The words as screens show them: "请A012号到1号综合窗口办理". */
export function phraseText(p: Phrase): string {
  return p.parts.map((x) => x.text).join('');
}

const ZH_DIGITS = '零一二三四五六七八九';
const EN_DIGITS = ['zero', 'one', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine'];

/**
 * What the synthesiser is given. A ticket number is read one character at a time ("A012" → "A零一二",
 * "A, zero, one, two"): read as a number it would be "A十二". A window's own number stays a number
 * ("12号窗口" is 十二号).
 */
export function synthesiserText(p: Phrase): string {
  return p.parts.map((x) => {
    if (x.kind !== 'number') return x.text;
    const chars = [...x.text].map((c) => (/\d/.test(c) ? (p.lang === 'zh' ? ZH_DIGITS[Number(c)] : EN_DIGITS[Number(c)]) : c.toUpperCase()));
    return p.lang === 'zh' ? chars.join('') : chars.join(', ');
  }).join('');
}
