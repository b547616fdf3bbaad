/**
 * The normalised views a draft is matched on, each with a map back to offsets in the original draft.
 *
 * - base:  one run per code point of the draft, folded (case, NFKC, 繁→简, invisible characters dropped,
 *          emoji stand-ins and homoglyphs resolved). Regexes and structured detectors read this view.
 * - match: the base view with the disguises removed: noise between characters dropped (法 院, 坐-牢, 坐*牢),
 *          repeated characters collapsed (坐坐牢), spelled-out letters joined (a r r e s t), leetspeak read
 *          (arr3st), abbreviations expanded (jc → 警察). Clause punctuation survives as '|' and sentence ends
 *          as '#', so phrases cannot run across them. Phrase lists are matched here.
 * - sound: the match view in pinyin syllables (one private-use character per syllable), for homophones
 *          (做牢 ~ 坐牢) and pinyin typed in Latin (zuo lao, 坐lao). Only built when a pack has sound terms.
 */
import { foldCodePoint } from './fold';

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

export function buildBaseView(draft: string): BaseView {
  const parts: string[] = [];
  const start: number[] = [];
  const end: number[] = [];
  for (let i = 0; i < draft.length; ) {
    const cp = draft.codePointAt(i)!;
    const width = cp > 0xffff ? 2 : 1;
    // Lone surrogates are kept as themselves: check() must never throw on any string.
    const ch = width === 1 ? draft[i] : draft.slice(i, i + 2);
    const folded = foldCodePoint(cp, ch);
    for (let k = 0; k < folded.length; k++) {
      start.push(i);
      end.push(i + width);
    }
    if (folded) parts.push(folded);
    i += width;
  }
  return { text: parts.join(''), start: Int32Array.from(start), end: Int32Array.from(end) };
}

const enum Kind {
  Han,
  Word,
  Clause,
  Sentence,
  Noise,
}

function isHanCode(c: number): boolean {
  return (c >= 0x4e00 && c <= 0x9fff) || (c >= 0x3400 && c <= 0x4dbf) || (c >= 0xf900 && c <= 0xfaff) || c === 0x3007;
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

const LEET: Record<string, string> = { '0': 'o', '1': 'i', '3': 'e', '4': 'a', '5': 's', '7': 't', $: 's', '@': 'a' };

/** A run of word characters in the base view, read as one token. */
interface Token {
  /** base indices of the characters kept, after leetspeak and repeat collapsing */
  chars: number[];
  text: string;
  bStart: number;
  bEnd: number;
}

function readToken(base: string, from: number, to: number): Token {
  let hasLetter = false;
  let hasOther = false;
  for (let i = from; i < to; i++) {
    if (isLetterCode(base.charCodeAt(i))) hasLetter = true;
    else hasOther = true;
  }
  const chars: number[] = [];
  let text = '';
  for (let i = from; i < to; i++) {
    let ch = base[i];
    if (hasLetter && hasOther) ch = LEET[ch] ?? ch;
    // Three or more of a letter is emphasis or disguise (arrrrest): keep two, which every word allows.
    const n = text.length;
    if (n >= 2 && text[n - 1] === ch && text[n - 2] === ch && isLetterCode(ch.charCodeAt(0))) continue;
    chars.push(i);
    text += ch;
  }
  return { chars, text, bStart: from, bEnd: to };
}

export function buildMatchView(base: BaseView, abbreviations: ReadonlyMap<string, string>): MatchView {
  const b = base.text;
  const out: string[] = [];
  const start: number[] = [];
  const end: number[] = [];
  const fromBase = new Int32Array(b.length + 1);
  let lastKind: Kind | -1 = -1; // kind of the last emitted unit (Han / Word / mark)
  let lastHan = -1; // last emitted Han code, for collapsing repeats
  let pendingMark = ''; // strongest mark seen since the last emitted unit
  let pendingAt = -1;

  const emit = (ch: string, bIndex: number, s = base.start[bIndex], e = base.end[bIndex]) => {
    out.push(ch);
    start.push(s);
    end.push(e);
  };
  const flushMark = () => {
    if (pendingMark && lastKind !== -1) {
      emit(pendingMark, pendingAt);
      lastKind = Kind.Clause;
      lastHan = -1;
    }
    pendingMark = '';
  };

  let i = 0;
  while (i < b.length) {
    fromBase[i] = out.length;
    const kind = kindAt(b, i);
    if (kind === Kind.Clause || kind === Kind.Sentence) {
      const mark = kind === Kind.Sentence ? SENTENCE_MARK : CLAUSE_MARK;
      if (pendingMark !== SENTENCE_MARK) {
        pendingMark = mark;
        pendingAt = i;
      }
      i++;
      continue;
    }
    if (kind === Kind.Noise) {
      i++;
      continue;
    }
    if (kind === Kind.Han) {
      const c = b.charCodeAt(i);
      if (pendingMark) flushMark();
      // 坐坐牢 → 坐牢: a repeated character, even with noise between, counts once.
      if (!(lastKind === Kind.Han && lastHan === c)) {
        emit(b[i], i);
        lastKind = Kind.Han;
        lastHan = c;
      }
      i++;
      continue;
    }
    // A run of word characters; spelled-out single letters (a r r e s t, a.r.r.e.s.t) join into one token.
    let j = i;
    while (j < b.length && kindAt(b, j) === Kind.Word) j++;
    let token = readToken(b, i, j);
    if (j - i === 1 && isLetterCode(b.charCodeAt(i))) {
      const singles = [i];
      let k = j;
      for (;;) {
        let n = k;
        while (n < b.length && kindAt(b, n) === Kind.Noise) n++;
        if (n < b.length && kindAt(b, n) === Kind.Word && kindAt(b, n + 1) !== Kind.Word && isLetterCode(b.charCodeAt(n))) {
          singles.push(n);
          k = n + 1;
        } else break;
      }
      if (singles.length >= 3) {
        token = { chars: singles, text: singles.map((x) => b[x]).join(''), bStart: i, bEnd: k };
        j = k;
      }
    }
    if (pendingMark) flushMark();
    else if (lastKind === Kind.Word) emit(' ', token.bStart, base.start[token.bStart], base.start[token.bStart]);
    for (let x = i; x < j; x++) fromBase[x] = out.length;
    const expansion = abbreviations.get(token.text);
    if (expansion) {
      const s = base.start[token.bStart];
      const e = base.end[token.bEnd - 1];
      for (const ch of expansion) emit(ch, token.bStart, s, e);
      lastKind = Kind.Han;
      lastHan = -1;
    } else {
      token.chars.forEach((x, k) => emit(token.text[k], x));
      lastKind = Kind.Word;
      lastHan = -1;
    }
    i = j;
  }
  fromBase[b.length] = out.length;
  return { text: out.join(''), start: Int32Array.from(start), end: Int32Array.from(end), fromBase };
}

/** Pinyin knowledge a pack ships: every syllable, and which characters read as each trigger syllable. */
export interface Phonetics {
  /** syllable -> its code in the sound view */
  syllableCode: Map<string, string>;
  /** character code -> sound-view code of its syllable */
  charCode: Map<number, string>;
  maxSyllableLength: number;
}

/** Splits a Latin run into pinyin syllables (zuolao → zuo|lao), or null when it is not pinyin. */
export function segmentPinyin(token: string, phonetics: Phonetics): string[] | null {
  const n = token.length;
  const best: (string[] | null)[] = new Array(n + 1).fill(null);
  best[n] = [];
  for (let i = n - 1; i >= 0; i--) {
    for (let len = Math.min(phonetics.maxSyllableLength, n - i); len >= 1; len--) {
      const rest = best[i + len];
      if (!rest) continue;
      const syllable = token.slice(i, i + len);
      if (phonetics.syllableCode.has(syllable)) {
        best[i] = [syllable, ...rest];
        break;
      }
    }
  }
  return best[0];
}

export function buildSoundView(match: MatchView, phonetics: Phonetics): SoundView {
  const m = match.text;
  const out: string[] = [];
  const mStart: number[] = [];
  const mEnd: number[] = [];
  let i = 0;
  while (i < m.length) {
    const c = m.charCodeAt(i);
    if (isLetterCode(c)) {
      let j = i;
      while (j < m.length && isLetterCode(m.charCodeAt(j))) j++;
      const syllables = j - i <= 30 ? segmentPinyin(m.slice(i, j), phonetics) : null;
      if (syllables) {
        let at = i;
        for (const s of syllables) {
          out.push(phonetics.syllableCode.get(s)!);
          mStart.push(at);
          mEnd.push(at + s.length);
          at += s.length;
        }
      } else {
        out.push(CLAUSE_MARK);
        mStart.push(i);
        mEnd.push(j);
      }
      i = j;
      continue;
    }
    if (c === 0x20) {
      i++;
      continue;
    }
    out.push(phonetics.charCode.get(c) ?? CLAUSE_MARK);
    mStart.push(i);
    mEnd.push(i + 1);
    i++;
  }
  return { text: out.join(''), mStart: Int32Array.from(mStart), mEnd: Int32Array.from(mEnd) };
}
