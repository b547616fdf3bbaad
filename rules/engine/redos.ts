/**
 * Rejects regexes that can backtrack catastrophically, when a pack is compiled (never at check time).
 * redos-detector explores the pattern's backtracking paths; a pattern it cannot prove safe is refused.
 * The verdict depends on a step budget only, never on wall-clock time, so a busy machine cannot turn a safe
 * pattern unsafe; verdicts are memoised because packs share patterns and are compiled more than once.
 */
import { isSafePattern } from 'redos-detector';

const verdicts = new Map<string, string | null>();

export function assertSafeRegex(pattern: string): void {
  let verdict = verdicts.get(pattern);
  if (verdict === undefined) {
    verdict = regexProblem(pattern);
    verdicts.set(pattern, verdict);
  }
  if (verdict) throw new Error(verdict);
}

function regexProblem(pattern: string): string | null {
  let result: ReturnType<typeof isSafePattern>;
  try {
    result = isSafePattern(pattern, { maxSteps: 20000 });
  } catch (e) {
    return `regex /${pattern}/ could not be checked for catastrophic backtracking: ${(e as Error).message}`;
  }
  if (result.error === 'hitMaxSteps') return `regex /${pattern}/ is too complex to prove safe from catastrophic backtracking; split it into simpler patterns`;
  if (!result.safe) {
    return (`regex /${pattern}/ can backtrack catastrophically (ReDoS); use bounded repetition such as \\d{1,3} instead of \\d+, and no nested or overlapping repetition`);
  }
  return null;
}
