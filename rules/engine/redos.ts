/**
 * Rejects regexes that can backtrack catastrophically, when a pack is compiled (never at check time).
 * redos-detector explores the pattern's backtracking paths; a pattern it cannot prove safe is refused.
 */
import { isSafePattern } from 'redos-detector';

export function assertSafeRegex(pattern: string): void {
  let result: ReturnType<typeof isSafePattern>;
  try {
    result = isSafePattern(pattern, { maxSteps: 20000, timeout: 2000 });
  } catch (e) {
    throw new Error(`regex /${pattern}/ could not be checked for catastrophic backtracking: ${(e as Error).message}`);
  }
  if (!result.safe) {
    throw new Error(`regex /${pattern}/ can backtrack catastrophically (ReDoS); use bounded repetition such as \\d{1,3} instead of \\d+, and no nested or overlapping repetition`);
  }
}
