/**
 * Redacted form of a draft for stores whose policy forbids keeping personal numbers: resident ID numbers,
 * bank card numbers, SSNs and phone numbers are masked character by character (same length, so finding spans
 * still point at the same text). Validity is decided by the engine's own validators, so a random 18-digit
 * order number stays readable while a real ID number does not.
 */
import { isLuhnValid, isValidCnId, isValidSsn } from '../../rules/engine/detectors';

const MASK = '*';

function maskDigits(text: string, start: number, end: number, keepLast: number): string {
  let digitsSeen = 0;
  let total = 0;
  for (let i = start; i < end; i++) if (/[0-9Xx]/.test(text[i])) total++;
  let out = '';
  for (let i = start; i < end; i++) {
    const ch = text[i];
    if (/[0-9Xx]/.test(ch)) {
      digitsSeen++;
      out += digitsSeen > total - keepLast ? ch : MASK;
    } else out += ch;
  }
  return out;
}

/** Runs of digits with optional single space/dash/dot separators (as people type card and phone numbers). */
const DIGIT_RUN = /(?<![0-9A-Za-z])\+?\d(?:[ .-]?[\dXx]){6,22}(?![0-9A-Za-z])/g;

export function redactDraft(text: string): { text: string; changed: boolean } {
  let out = '';
  let last = 0;
  for (const m of text.matchAll(DIGIT_RUN)) {
    const raw = m[0];
    const digits = raw.replace(/[^0-9Xx]/g, '').toUpperCase();
    const plain = digits.replace(/X/g, '');
    let keep = -1;
    if (digits.length === 18 && isValidCnId(digits)) keep = 4;
    else if (/^\d{15}$/.test(digits)) keep = 4; // first-generation resident ID: no check digit to validate
    else if (plain === digits && digits.length >= 13 && digits.length <= 19 && isLuhnValid(digits)) keep = 4;
    else if (plain === digits && digits.length === 9 && isValidSsn(digits)) keep = 0;
    else if (/^(?:86)?1[3-9]\d{9}$/.test(digits)) keep = 4; // mainland mobile
    else if (/^1?[2-9]\d{2}[2-9]\d{6}$/.test(digits) && raw.replace(/\D/g, '').length >= 10) keep = 4; // NANP phone
    if (keep < 0) continue;
    const at = m.index!;
    out += text.slice(last, at) + maskDigits(text, at, at + raw.length, keep);
    last = at + raw.length;
  }
  if (last === 0) return { text, changed: false };
  out += text.slice(last);
  return { text: out, changed: out !== text };
}
