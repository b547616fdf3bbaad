/** Today's guard counts for the popup, kept by the background in storage.local (one writer, no races). */
export const GUARD_COUNTS_KEY = 'draftguard:guardCounts';
export const COUNT_MESSAGE = 'draftguard:count' as const;

export const COUNT_KINDS = ['checked', 'blocked', 'warned', 'overridden', 'fixed', 'reported'] as const;
export type CountKind = (typeof COUNT_KINDS)[number];

export interface DailyCounts {
  /** Local calendar day, YYYY-MM-DD. */
  day: string;
  counts: Record<CountKind, number>;
}

export function localDay(now: Date): string {
  const p = (n: number) => String(n).padStart(2, '0');
  return `${now.getFullYear()}-${p(now.getMonth() + 1)}-${p(now.getDate())}`;
}

export function emptyCounts(day: string): DailyCounts {
  return { day, counts: { checked: 0, blocked: 0, warned: 0, overridden: 0, fixed: 0, reported: 0 } };
}

/** Adds one to `kind`, starting a fresh day when the stored counts are from another day. */
export function bump(stored: DailyCounts | undefined | null, kind: CountKind, now: Date): DailyCounts {
  const day = localDay(now);
  const base = stored && stored.day === day ? stored : emptyCounts(day);
  return { day, counts: { ...emptyCounts(day).counts, ...base.counts, [kind]: (base.counts[kind] ?? 0) + 1 } };
}

/** What the popup shows: yesterday's numbers are not today's. */
export function countsForToday(stored: DailyCounts | undefined | null, now: Date): DailyCounts {
  const day = localDay(now);
  return stored && stored.day === day ? stored : emptyCounts(day);
}
