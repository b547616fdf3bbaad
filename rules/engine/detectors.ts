/**
 * Structured detectors for personal data, referenced from rules as `$name`. Each validates what a word list
 * cannot: a mainland resident ID's ISO 7064 MOD 11-2 check digit, a card number's Luhn sum, an SSN's
 * reserved ranges. Masked forms (尾号1234, 6222****1234, 110***********1234) never form a full digit run, so
 * they pass: that is data minimisation, which the rules encourage.
 */

export interface DetectorHit {
  /** base-view [start, end) */
  start: number;
  end: number;
}

export type Detector = (base: string) => DetectorHit[];

/** Chinese numerals as digits, so that 一一〇一〇五… counts as a number. */
const CN_DIGITS: Record<string, string> = { 〇: '0', 零: '0', 一: '1', 二: '2', 三: '3', 四: '4', 五: '5', 六: '6', 七: '7', 八: '8', 九: '9', 幺: '1' };
const CN_DIGIT_CODES = new Map<number, string>(Object.entries(CN_DIGITS).map(([k, v]) => [k.charCodeAt(0), v]));

interface DigitRun {
  digits: string;
  start: number;
  end: number;
  /** True when digits were separated (spaces, dashes) or spelled in Chinese: a sign of deliberate formatting. */
  separated: boolean;
}

/** The digit of a code unit ('0'–'9' or a Chinese numeral), or '' when it is not one. */
function digitOf(c: number): string {
  if (c >= 0x30 && c <= 0x39) return String.fromCharCode(c);
  return c >= 0x3007 ? (CN_DIGIT_CODES.get(c) ?? '') : '';
}

/** Every detector reads the same runs; one check asks several detectors, so the last scan is kept. */
let lastText: string | undefined;
let lastRuns: DigitRun[] = [];

/**
 * Digit runs that may contain single separators (space, dash, dot) between digits, or Chinese numerals.
 * A run directly touching a letter or a mask character (*, x) is part of a masked or alphanumeric code.
 */
function digitRuns(base: string): DigitRun[] {
  if (base === lastText) return lastRuns;
  const runs: DigitRun[] = [];
  let i = 0;
  while (i < base.length) {
    if (!digitOf(base.charCodeAt(i))) {
      i++;
      continue;
    }
    const start = i;
    let digits = '';
    let chinese = 0;
    let separated = false;
    let end = i;
    while (i < base.length) {
      const c = base.charCodeAt(i);
      const d = digitOf(c);
      if (d) {
        if (c > 0x39) chinese++;
        digits += d;
        i++;
        end = i;
        continue;
      }
      if ((c === 0x20 || c === 0x2d || c === 0x2e) && i + 1 < base.length && digitOf(base.charCodeAt(i + 1)) && digits.length > 0) {
        separated = true;
        i++;
        continue;
      }
      break;
    }
    // The trailing X of an ID number.
    if (base[end] === 'x' && digits.length === 17) {
      digits += 'X';
      end++;
      i = end;
    }
    // Chinese numerals only count in long spelled-out runs, never in words like 一定 or 三天.
    if (chinese > 0 && chinese < 7) continue;
    const before = start > 0 ? base[start - 1] : '';
    const after = end < base.length ? base[end] : '';
    if (/[a-z*]/.test(before) || /[a-z*]/.test(after)) continue;
    runs.push({ digits, start, end, separated: separated || chinese > 0 });
  }
  lastText = base;
  lastRuns = runs;
  return runs;
}

const ID_WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const ID_CHECK = '10X98765432';

export function isValidCnId(id: string): boolean {
  if (!/^\d{17}[\dX]$/.test(id)) return false;
  const month = Number(id.slice(10, 12));
  const day = Number(id.slice(12, 14));
  if (month < 1 || month > 12 || day < 1 || day > 31) return false;
  let sum = 0;
  for (let k = 0; k < 17; k++) sum += Number(id[k]) * ID_WEIGHTS[k];
  return ID_CHECK[sum % 11] === id[17];
}

export function isLuhnValid(digits: string): boolean {
  let sum = 0;
  for (let k = 0; k < digits.length; k++) {
    let d = digits.charCodeAt(digits.length - 1 - k) - 48;
    if (k % 2 === 1) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
  }
  return sum % 10 === 0;
}

export function isValidSsn(digits: string): boolean {
  if (!/^\d{9}$/.test(digits)) return false;
  const area = digits.slice(0, 3);
  return area !== '000' && area !== '666' && area[0] !== '9' && digits.slice(3, 5) !== '00' && digits.slice(5) !== '0000';
}

export const DETECTORS: Record<string, Detector> = {
  cn_id: (base) => digitRuns(base).filter((r) => r.digits.length === 18 && isValidCnId(r.digits)),
  bank_card: (base) =>
    digitRuns(base).filter((r) => r.digits.length >= 16 && r.digits.length <= 19 && /^\d+$/.test(r.digits) && isLuhnValid(r.digits)),
  us_ssn: (base) => {
    const hits: DetectorHit[] = [];
    for (const m of base.matchAll(/(?<![\d*-])(\d{3})([- ])(\d{2})\2(\d{4})(?![\d*-])/g)) {
      if (isValidSsn(m[1] + m[3] + m[4])) hits.push({ start: m.index!, end: m.index! + m[0].length });
    }
    for (const m of base.matchAll(/(?:ssn|social security(?: number| no\.?)?)\D{0,12}(\d{9})(?!\d)/g)) {
      if (isValidSsn(m[1])) {
        const at = m.index! + m[0].length - 9;
        hits.push({ start: at, end: at + 9 });
      }
    }
    return hits;
  },
  cn_mobile: (base) => digitRuns(base).filter((r) => r.digits.length === 11 && /^1[3-9]\d{9}$/.test(r.digits)),
  us_phone: (base) => {
    const hits: DetectorHit[] = [];
    for (const m of base.matchAll(/(?<![\d*])(?:\+?1[ -.]?)?\(?([2-9]\d{2})\)?[ -.]?([2-9]\d{2})[ -.]?(\d{4})(?![\d*])/g)) {
      hits.push({ start: m.index!, end: m.index! + m[0].length });
    }
    return hits;
  },
  email: (base) => [...base.matchAll(/[a-z0-9._%+-]+@[a-z0-9.-]+\.[a-z]{2,}/g)].map((m) => ({ start: m.index!, end: m.index! + m[0].length })),
};
