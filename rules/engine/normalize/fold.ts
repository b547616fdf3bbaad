/**
 * Per-character folding: the first normalisation step, which keeps one output run per input code point so
 * that every normalised character knows where it came from in the draft.
 *
 * Traditional → simplified is character-level here, from OpenCC's own tables (opencc-js). OpenCC's phrase
 * conversion is more precise for display, but the engine only needs both scripts to meet on one spelling,
 * and a character map keeps offsets exact and costs one lookup per character.
 */
import TSCharacters from 'opencc-js/dict/TSCharacters';
import HKVariantsRev from 'opencc-js/dict/HKVariantsRev';
import TWVariantsRev from 'opencc-js/dict/TWVariantsRev';

function parseDict(dict: string, into: Map<number, string>): void {
  for (const entry of dict.split('|')) {
    const [from, to] = entry.split(' ');
    if (!from || !to || [...from].length !== 1) continue;
    const cp = from.codePointAt(0)!;
    // A variant table maps to a traditional form that TSCharacters then simplifies.
    into.set(cp, into.get(to.codePointAt(0)!) ?? to);
  }
}

let traditionalToSimplified: Map<number, string> | undefined;
function t2s(): Map<number, string> {
  if (!traditionalToSimplified) {
    const map = new Map<number, string>();
    parseDict(TSCharacters, map);
    const variants = new Map<number, string>();
    parseDict(HKVariantsRev, variants);
    parseDict(TWVariantsRev, variants);
    for (const [cp, standard] of variants) {
      const simplified = map.get(standard.codePointAt(0)!) ?? standard;
      map.set(cp, simplified);
    }
    traditionalToSimplified = map;
  }
  return traditionalToSimplified;
}

/** Emoji that agents use in place of the words they stand for. */
const EMOJI_STAND_INS: Record<string, string> = {
  '🔪': '刀',
  '🗡': '刀',
  '🔫': '枪',
  '💣': '炸',
  '🧨': '炸',
  '⚰': '棺材',
  '🩸': '血',
  '💀': '死',
  '☠': '死',
  '👮': '警察',
  '🚓': '警车',
  '🚔': '警车',
  '⚖': '法院',
  '🔒': '拘留',
  '⛓': '拘留',
  '🔥': '烧',
  '🐶': '狗',
  '🐕': '狗',
  '🐷': '猪',
  '🐖': '猪',
  '💩': '屎',
  '🤡': '小丑',
  '🖕': '操',
};

/** Latin look-alikes from other scripts (Cyrillic, Greek) used to dodge English word lists. */
const HOMOGLYPHS: Record<string, string> = {
  а: 'a', е: 'e', о: 'o', р: 'p', с: 'c', у: 'y', х: 'x', і: 'i', ј: 'j', ѕ: 's', к: 'k', м: 'm', т: 't', в: 'b', н: 'h',
  α: 'a', ο: 'o', ε: 'e', ι: 'i', κ: 'k', ν: 'v', ρ: 'p', τ: 't', υ: 'u',
};

/** Characters that carry nothing visible: zero-width, bidi controls, variation selectors, combining marks. */
const INVISIBLE = /^(?:\p{Cf}|\p{M}|[\u115F\u1160\u3164\uFFA0])$/u;

/**
 * Fast path for CJK Unified Ideographs (U+4E00–U+9FFF): a flat table of simplified code units, 0 = unchanged.
 * One array read per character is what keeps a 100 KB draft within budget.
 */
let hanTable: Uint16Array | undefined;
export function hanFoldTable(): Uint16Array {
  if (!hanTable) {
    hanTable = new Uint16Array(0x9fff - 0x4e00 + 1);
    for (const [cp, to] of t2s()) {
      if (cp >= 0x4e00 && cp <= 0x9fff && to.length === 1) hanTable[cp - 0x4e00] = to.charCodeAt(0);
    }
  }
  return hanTable;
}

const foldMemo = new Map<number, string>();
/** foldCodePoint for the slow path, memoised: drafts repeat the same punctuation and emoji. */
export function foldCodePointMemo(cp: number, ch: string): string {
  let f = foldMemo.get(cp);
  if (f === undefined) {
    f = foldCodePoint(cp, ch);
    if (foldMemo.size < 10_000) foldMemo.set(cp, f);
  }
  return f;
}

/**
 * Folds one code point to its canonical form: '' to drop it, otherwise the replacement text (lower-case,
 * NFKC, simplified, de-accented, homoglyphs and emoji stand-ins resolved).
 */
export function foldCodePoint(cp: number, ch: string): string {
  if (cp < 0x80) return cp >= 0x41 && cp <= 0x5a ? String.fromCharCode(cp + 32) : ch;
  // CJK Unified Ideographs: NFKC-stable, so only the script map applies.
  if (cp >= 0x4e00 && cp <= 0x9fff) return t2s().get(cp) ?? ch;
  if (INVISIBLE.test(ch)) return '';
  const emoji = EMOJI_STAND_INS[ch];
  if (emoji) return emoji;
  const lower = ch.toLowerCase();
  const glyph = HOMOGLYPHS[lower];
  if (glyph) return glyph;
  let folded = ch.normalize('NFKC').toLowerCase();
  // Strip accents (pinyin tone marks fǎ yuàn, Latin diacritics) but keep the base letters.
  if (/[\u00C0-\u024F\u1E00-\u1EFF]/.test(folded)) folded = folded.normalize('NFD').replace(/\p{M}/gu, '');
  if (folded.length === 1) {
    const c = folded.charCodeAt(0);
    if (c >= 0x4e00 && c <= 0x9fff) return t2s().get(c) ?? folded;
    return folded;
  }
  let result = '';
  for (const part of folded) {
    const p = part.codePointAt(0)!;
    result += p >= 0x4e00 && p <= 0x9fff ? (t2s().get(p) ?? part) : part;
  }
  return result;
}

/** Folds a whole string (used for pack terms, which have no offsets to keep). */
export function foldString(text: string): string {
  let out = '';
  for (const ch of text) out += foldCodePoint(ch.codePointAt(0)!, ch);
  return out;
}
