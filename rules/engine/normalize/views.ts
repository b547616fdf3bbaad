/**
 * The normalised views a draft is matched on, each with a map back to offsets in the original draft.
 *
 * - base:  one run per code point of the draft, folded (case, NFKC, 繁→简, invisible characters dropped,
 *          emoji stand-ins and homoglyphs resolved). Regexes and structured detectors read this view.
 * - match: the base view with the disguises removed: noise between characters dropped (法 院, 坐-牢, 坐*牢),
 *          spelled-out letters joined (a r r e s t), letter runs cut to two (arrrrest), leetspeak read
 *          (arr3st), abbreviations expanded (jc → 警察). Clause punctuation survives as '|' and sentence ends
 *          as '#', so phrases cannot run across them. Phrase lists are matched here.
 * - sound: the match view in pinyin syllables (one private-use character per syllable), for homophones
 *          (做牢 ~ 坐牢) and pinyin typed in Latin (zuo lao, 坐lao). Only built when a pack has sound terms.
 */
import { foldCodePointMemo, hanFoldTable } from './fold';

export interface BaseView {
  text: string;
  /** Original [start, end) of each UTF-16 unit of `text`. */
  start: Int32Array;
  end: Int32Array;
}

export interface MatchView {
  text: string;
  start: Int32Array;
  end: Int32Array;
  /** For each base index, the first match-view index at or after it (length base.text.length + 1). */
  fromBase: Int32Array;
}

export interface SoundView {
  text: string;
  /** Match-view [mStart, mEnd) of each sound character. */
  mStart: Int32Array;
  mEnd: Int32Array;
}

export const CLAUSE_MARK = '|';
export const SENTENCE_MARK = '#';

/** Growable parallel buffers: code units plus the original span of each. */
class UnitBuffer {
  codes: Uint16Array;
  start: Int32Array;
  end: Int32Array;
  length = 0;
  constructor(capacity: number) {
    this.codes = new Uint16Array(capacity);
    this.start = new Int32Array(capacity);
    this.end = new Int32Array(capacity);
  }
  push(code: number, s: number, e: number): void {
    if (this.length === this.codes.length) this.grow();
    this.codes[this.length] = code;
    this.start[this.length] = s;
    this.end[this.length] = e;
    this.length++;
  }
  private grow(): void {
    const cap = this.codes.length * 2 + 16;
    const codes = new Uint16Array(cap);
    codes.set(this.codes);
    const start = new Int32Array(cap);
    start.set(this.start);
    const end = new Int32Array(cap);
    end.set(this.end);
    this.codes = codes;
    this.start = start;
    this.end = end;
  }
  text(): string {
    // fromCharCode in chunks: no decoding step, lone surrogates survive as they are.
    let out = '';
    for (let i = 0; i < this.length; i += 8192) out += String.fromCharCode.apply(null, this.codes.subarray(i, Math.min(this.length, i + 8192)) as unknown as number[]);
    return out;
  }
}

export function buildBaseView(draft: string): BaseView {
  const han = hanFoldTable();
  const buf = new UnitBuffer(draft.length + 16);
  for (let i = 0; i < draft.length; ) {
    const c = draft.charCodeAt(i);
    if (c < 0x80) {
      buf.push(c >= 0x41 && c <= 0x5a ? c + 32 : c, i, i + 1);
      i++;
      continue;
    }
    if (c >= 0x4e00 && c <= 0x9fff) {
      buf.push(han[c - 0x4e00] || c, i, i + 1);
      i++;
      continue;
    }
    const cp = draft.codePointAt(i)!;
    const width = cp > 0xffff ? 2 : 1;
    // Lone surrogates are kept as themselves: check() must never throw on any string.
    const ch = width === 1 ? draft[i] : draft.slice(i, i + 2);
    const folded = foldCodePointMemo(cp, ch);
    for (let k = 0; k < folded.length; k++) buf.push(folded.charCodeAt(k), i, i + width);
    i += width;
  }
  return { text: buf.text(), start: buf.start.subarray(0, buf.length), end: buf.end.subarray(0, buf.length) };
}

const enum Kind {
  Han,
  Word,
  Clause,
  Sentence,
  Noise,
}

/** Han ideographs, and bopomofo (ㄅㄆㄇ), which Taiwanese chat uses to spell trigger words. */
function isHanCode(c: number): boolean {
  return (c >= 0x4e00 && c <= 0x9fff) || (c >= 0x3400 && c <= 0x4dbf) || (c >= 0xf900 && c <= 0xfaff) || c === 0x3007 || (c >= 0x3100 && c <= 0x312f);
}

function isWordCode(c: number): boolean {
  return (c >= 0x61 && c <= 0x7a) || (c >= 0x30 && c <= 0x39);
}

function isLetterCode(c: number): boolean {
  return c >= 0x61 && c <= 0x7a;
}

function kindAt(text: string, i: number): Kind {
  const c = text.charCodeAt(i);
  if (isWordCode(c)) return Kind.Word;
  if (isHanCode(c)) return Kind.Han;
  switch (c) {
    case 0x24: // $ and @ are letters inside a word ($hit, j@il), noise elsewhere
    case 0x40:
      return isLetterCode(text.charCodeAt(i - 1)) || isLetterCode(text.charCodeAt(i + 1)) ? Kind.Word : Kind.Noise;
    case 0x2c: // ,
    case 0x3b: // ;
    case 0x3001: // 、
      return Kind.Clause;
    case 0x2e: {
      // '.' inside a word or a number (a.r.r.e.s.t, 3.5, 坐.牢) is noise, otherwise a sentence end.
      const n = text.charCodeAt(i + 1);
      return isWordCode(n) || isHanCode(n) ? Kind.Noise : Kind.Sentence;
    }
    case 0x21: // !
    case 0x3f: // ?
    case 0x3002: // 。
    case 0x0a:
    case 0x0d:
      return Kind.Sentence;
    default:
      return Kind.Noise;
  }
}

/** Leetspeak digits and symbols read as letters, inside words that also have letters (arr3st, $hit). */
const LEET = new Uint16Array(128);
for (const [from, to] of Object.entries({ '0': 'o', '1': 'i', '3': 'e', '4': 'a', '5': 's', '7': 't', $: 's', '@': 'a' })) LEET[from.charCodeAt(0)] = to.charCodeAt(0);

/** Emits one character of a Latin token: leetspeak read, runs of three or more letters cut to two (arrrrest). */
function emitWordChar(out: UnitBuffer, base: BaseView, x: number, leet: boolean, tokenStart: number): void {
  let c = base.text.charCodeAt(x);
  if (leet && c < 128 && LEET[c]) c = LEET[c];
  const len = out.length;
  if (len - tokenStart >= 2 && out.codes[len - 1] === c && out.codes[len - 2] === c && isLetterCode(c)) return;
  out.push(c, base.start[x], base.end[x]);
}

export function buildMatchView(base: BaseView, abbreviations: ReadonlyMap<string, string>): MatchView {
  const b = base.text;
  const n = b.length;
  const kinds = new Uint8Array(n + 1);
  for (let i = 0; i < n; i++) kinds[i] = kindAt(b, i);
  kinds[n] = Kind.Noise;
  const out = new UnitBuffer(n + 16);
  const fromBase = new Int32Array(n + 1);
  let maxAbbreviation = 0;
  for (const k of abbreviations.keys()) maxAbbreviation = Math.max(maxAbbreviation, k.length);

  let lastKind: number = -1; // kind of the last emitted unit (Han / Word / a mark)
  let pendingMark = 0; // strongest mark seen since the last emitted unit
  let pendingAt = -1;
  const flushMark = () => {
    if (pendingMark && lastKind !== -1) {
      out.push(pendingMark, base.start[pendingAt], base.end[pendingAt]);
      lastKind = Kind.Clause;
    }
    pendingMark = 0;
  };
  const SENTENCE = SENTENCE_MARK.charCodeAt(0);
  const CLAUSE = CLAUSE_MARK.charCodeAt(0);
  const singles: number[] = [];

  let i = 0;
  while (i < n) {
    const kind = kinds[i];
    if (kind === Kind.Clause || kind === Kind.Sentence) {
      fromBase[i] = out.length;
      if (pendingMark !== SENTENCE) {
        pendingMark = kind === Kind.Sentence ? SENTENCE : CLAUSE;
        pendingAt = i;
      }
      i++;
      continue;
    }
    if (kind === Kind.Noise) {
      fromBase[i] = out.length;
      i++;
      continue;
    }
    if (kind === Kind.Han) {
      if (pendingMark) flushMark();
      fromBase[i] = out.length;
      const c = b.charCodeAt(i);
      // Repeated characters are kept: 妈妈/天天 are words, and a doubled character inside a disguise
      // (坐坐牢, 老赖赖) still contains the phrase, which the automaton finds as a substring.
      out.push(c, base.start[i], base.end[i]);
      lastKind = Kind.Han;
      i++;
      continue;
    }
    // A run of word characters [i, j). Spelled-out single letters (a r r e s t, a.r.r.e.s.t) join into one token.
    let j = i;
    while (kinds[j] === Kind.Word) j++;
    singles.length = 0;
    if (j - i === 1 && isLetterCode(b.charCodeAt(i))) {
      singles.push(i);
      let k = j;
      for (;;) {
        let x = k;
        while (x < n && kinds[x] === Kind.Noise) x++;
        // An apostrophe is a contraction (I'm, u're), not a separator of spelled-out letters.
        const apostrophe = b.slice(k, x).includes("'");
        if (!apostrophe && x < n && kinds[x] === Kind.Word && kinds[x + 1] !== Kind.Word && isLetterCode(b.charCodeAt(x))) {
          singles.push(x);
          k = x + 1;
        } else break;
      }
      // Four or more join ("a r r e s t" is a disguise, "u r a" chat shorthand); two or three join only when
      // they spell a listed abbreviation ("j c" → jc → 警察).
      const spelled = singles.map((x) => b[x]).join('');
      if (singles.length >= 4 || (singles.length >= 2 && abbreviations.has(spelled))) j = singles[singles.length - 1] + 1;
      else singles.length = 0;
    }
    if (pendingMark) flushMark();
    else if (lastKind === Kind.Word) out.push(0x20, base.start[i], base.start[i]);
    for (let x = i; x < j; x++) fromBase[x] = out.length;

    let hasLetter = false;
    let hasOther = false;
    if (!singles.length) {
      for (let x = i; x < j; x++) {
        if (isLetterCode(b.charCodeAt(x))) hasLetter = true;
        else hasOther = true;
      }
    }
    const leet = hasLetter && hasOther;
    const tokenStart = out.length;
    if (singles.length) for (const x of singles) emitWordChar(out, base, x, false, tokenStart);
    else for (let x = i; x < j; x++) emitWordChar(out, base, x, leet, tokenStart);
    lastKind = Kind.Word;

    const tokenLength = out.length - tokenStart;
    if (tokenLength <= maxAbbreviation) {
      const plain = !leet && !singles.length && tokenLength === j - i;
      const token = plain ? b.slice(i, j) : String.fromCharCode.apply(null, Array.from(out.codes.subarray(tokenStart, out.length)));
      const expansion = abbreviations.get(token);
      if (expansion) {
        const s0 = base.start[i];
        const e0 = base.end[j - 1];
        out.length = tokenStart;
        for (let k = 0; k < expansion.length; k++) out.push(expansion.charCodeAt(k), s0, e0);
        lastKind = Kind.Han;
      }
    }
    i = j;
  }
  fromBase[n] = out.length;
  return { text: out.text(), start: out.start.subarray(0, out.length), end: out.end.subarray(0, out.length), fromBase };
}

/** Pinyin knowledge a pack ships: every syllable, and which characters read as each trigger syllable. */
export interface Phonetics {
  /** syllable -> its code in the sound view */
  syllableCode: Map<string, string>;
  /** character code -> sound-view code of its syllable */
  charCode: Map<number, string>;
  /** The same for U+4E00–U+9FFF as a flat table (0 = no trigger syllable), for the per-character hot path. */
  hanCode: Uint16Array;
  maxSyllableLength: number;
}

/** Splits a Latin run into pinyin syllables (zuolao → zuo|lao), or null when it is not pinyin. */
export function segmentPinyin(token: string, phonetics: Phonetics): string[] | null {
  const n = token.length;
  // next[i] = length of the syllable starting at i on a full segmentation of token[i:], 0 = none.
  const next = new Uint8Array(n + 1);
  const ok = new Uint8Array(n + 1);
  ok[n] = 1;
  for (let i = n - 1; i >= 0; i--) {
    for (let len = Math.min(phonetics.maxSyllableLength, n - i); len >= 1; len--) {
      if (ok[i + len] && phonetics.syllableCode.has(token.slice(i, i + len))) {
        ok[i] = 1;
        next[i] = len;
        break;
      }
    }
  }
  if (!ok[0]) return null;
  const out: string[] = [];
  for (let i = 0; i < n; i += next[i]) out.push(token.slice(i, i + next[i]));
  return out;
}

/**
 * Which Latin words may be read as pinyin: those in a run of Latin words that touches Chinese (再不还就 zuo lao,
 * 坐lao), or a run whose every word is pinyin (ni ge sb). In English prose ("I made the payment") a word that
 * happens to spell pinyin (made = ma de) is English, and is not read.
 */
function pinyinRuns(m: string, phonetics: Phonetics): Uint8Array {
  const readable = new Uint8Array(m.length);
  let i = 0;
  while (i < m.length) {
    if (!isLetterCode(m.charCodeAt(i))) {
      i++;
      continue;
    }
    let j = i;
    while (j < m.length && (isLetterCode(m.charCodeAt(j)) || (m.charCodeAt(j) === 0x20 && isLetterCode(m.charCodeAt(j + 1))))) j++;
    const touchesHan = (i > 0 && m.charCodeAt(i - 1) >= 0x3100) || (j < m.length && m.charCodeAt(j) >= 0x3100);
    const words = m.slice(i, j).split(' ');
    const allPinyin = words.every((w) => w.length > 30 || segmentPinyin(w, phonetics) !== null);
    if (touchesHan || allPinyin) readable.fill(1, i, j);
    i = j;
  }
  return readable;
}

export function buildSoundView(match: MatchView, phonetics: Phonetics): SoundView {
  const m = match.text;
  const out = new UnitBuffer(m.length + 16); // start/end hold match-view indices here
  const CLAUSE = CLAUSE_MARK.charCodeAt(0);
  const readable = pinyinRuns(m, phonetics);
  let i = 0;
  while (i < m.length) {
    const c = m.charCodeAt(i);
    if (isLetterCode(c) && !readable[i]) {
      let j = i;
      while (j < m.length && isLetterCode(m.charCodeAt(j))) j++;
      out.push(CLAUSE, i, j);
      i = j;
      continue;
    }
    if (c >= 0x4e00 && c <= 0x9fff) {
      out.push(phonetics.hanCode[c - 0x4e00] || CLAUSE, i, i + 1);
      i++;
      continue;
    }
    if (isLetterCode(c)) {
      let j = i;
      while (j < m.length && isLetterCode(m.charCodeAt(j))) j++;
      if (j === i + 1) {
        // Pinyin spelled out letter by letter (b a o): read the run of single letters as one word.
        const letters = [i];
        let k = j;
        while (m.charCodeAt(k) === 0x20 && isLetterCode(m.charCodeAt(k + 1)) && !isLetterCode(m.charCodeAt(k + 2))) {
          letters.push(k + 1);
          k += 2;
        }
        const word = letters.length >= 2 ? letters.map((x) => m[x]).join('') : '';
        const spelled = word.length <= 30 && word ? segmentPinyin(word, phonetics) : null;
        if (spelled) {
          let at = 0;
          for (const s of spelled) {
            out.push(phonetics.syllableCode.get(s)!.charCodeAt(0), letters[at], letters[at + s.length - 1] + 1);
            at += s.length;
          }
          i = k;
          continue;
        }
      }
      const syllables = j - i <= 30 ? segmentPinyin(m.slice(i, j), phonetics) : null;
      if (syllables) {
        let at = i;
        for (const s of syllables) {
          out.push(phonetics.syllableCode.get(s)!.charCodeAt(0), at, at + s.length);
          at += s.length;
        }
      } else out.push(CLAUSE, i, j);
      i = j;
      continue;
    }
    if (c !== 0x20) out.push(phonetics.charCode.get(c)?.charCodeAt(0) ?? CLAUSE, i, i + 1);
    i++;
  }
  return { text: out.text(), mStart: out.start.subarray(0, out.length), mEnd: out.end.subarray(0, out.length) };
}
