/**
 * Finding every term occurrence in a draft: one automaton pass over the match view, one over the sound view,
 * the regexes and detectors over the base view, then gap phrases assembled from their parts. Also the
 * clause and sentence each match-view position belongs to.
 */
import type { CompiledTables } from './compile';
import { DETECTORS } from './detectors';
import type { BaseView, MatchView, SoundView } from './normalize/views';
import type { MatchVia } from './types';

export interface Hit {
  term: number;
  /** match-view [ms, me) */
  ms: number;
  me: number;
  /** original-draft [os, oe) */
  os: number;
  oe: number;
  via: MatchVia;
}

/**
 * Upper bound of occurrences kept per term. Far above any real draft (a chat message is a few hundred
 * characters), it only bounds memory on pathological input; evaluation cost per occurrence is logarithmic.
 */
const MAX_HITS_PER_TERM = 50_000;
/** How far apart (match-view characters) the parts of a gap phrase (打断…腿) may be. */
const GAP_REACH = 8;

function isWordChar(c: number): boolean {
  return (c >= 0x61 && c <= 0x7a) || (c >= 0x30 && c <= 0x39);
}

/** Occurrences per term: an array indexed by term id (no hashing per hit) plus the ids that occurred. */
export class HitSet {
  private readonly lists: (Hit[] | undefined)[];
  /** term ids with at least one hit, in order of first occurrence */
  readonly terms: number[] = [];

  constructor(termCount: number) {
    this.lists = new Array(termCount);
  }

  add(hit: Hit): void {
    let list = this.lists[hit.term];
    if (!list) {
      this.lists[hit.term] = list = [];
      this.terms.push(hit.term);
    }
    if (list.length < MAX_HITS_PER_TERM) list.push(hit);
  }

  get(term: number): Hit[] | undefined {
    return this.lists[term];
  }
}

export function collectHits(t: CompiledTables, base: BaseView, match: MatchView, sound: SoundView | null, usedDetectors: boolean): HitSet {
  const hits = new HitSet(t.terms.length);
  const m = match.text;
  const gapParts = new Map<number, { part: number; ms: number; me: number }[]>();

  t.matchAutomaton.scan(m, (pattern, end) => {
    const ms = end - t.matchAutomaton.patternLength(pattern);
    for (const target of t.matchTargets[pattern]) {
      const term = t.terms[target.term];
      const firstPart = target.part === 0;
      const lastPart = target.part === term.parts.length - 1;
      if (firstPart && term.leftBoundary && ms > 0 && isWordChar(m.charCodeAt(ms - 1))) continue;
      if (lastPart && term.rightBoundary && end < m.length && isWordChar(m.charCodeAt(end))) continue;
      if (term.kind === 'gap') {
        let parts = gapParts.get(term.id);
        if (!parts) gapParts.set(term.id, (parts = []));
        if (parts.length < MAX_HITS_PER_TERM) parts.push({ part: target.part, ms, me: end });
        continue;
      }
      hits.add({ term: term.id, ms, me: end, os: match.start[ms], oe: match.end[end - 1], via: 'plain' });
    }
  });

  // Gap phrases: each part in order, within reach of the previous one, never across a clause mark.
  for (const [termId, found] of gapParts) {
    const count = t.terms[termId].parts.length;
    const byPart: { ms: number; me: number }[][] = Array.from({ length: count }, () => []);
    for (const x of found) byPart[x.part].push(x); // already in order of end position, so of start too
    for (const first of byPart[0]) {
      let prevEnd = first.me;
      let ok = true;
      for (let p = 1; p < count && ok; p++) {
        const list = byPart[p];
        let lo = 0;
        let hi = list.length;
        while (lo < hi) {
          const mid = (lo + hi) >> 1;
          if (list[mid].ms < prevEnd) lo = mid + 1;
          else hi = mid;
        }
        const next = list[lo];
        if (!next || next.ms - prevEnd > GAP_REACH || /[|#]/.test(m.slice(prevEnd, next.ms))) ok = false;
        else prevEnd = next.me;
      }
      if (ok) hits.add({ term: termId, ms: first.ms, me: prevEnd, os: match.start[first.ms], oe: match.end[prevEnd - 1], via: 'plain' });
    }
  }

  if (sound && t.soundAutomaton) {
    const automaton = t.soundAutomaton;
    automaton.scan(sound.text, (pattern, end) => {
      const s0 = end - automaton.patternLength(pattern);
      const ms = sound.mStart[s0];
      const me = sound.mEnd[end - 1];
      const seen = m.slice(ms, me);
      for (const target of t.soundTargets[pattern]) {
        const term = t.terms[target.term];
        // The plain spelling was already found by the match view; real words that only sound alike are not it.
        if (seen === term.text || term.soundExcept?.has(seen)) continue;
        // A pinyin syllable must be read whole: "zuolao" inside "zuolaoshi" is fine, inside "azuolao" is not.
        if (ms > 0 && isWordChar(m.charCodeAt(ms - 1)) && isWordChar(m.charCodeAt(ms))) continue;
        if (me < m.length && isWordChar(m.charCodeAt(me)) && isWordChar(m.charCodeAt(me - 1))) continue;
        hits.add({ term: term.id, ms, me, os: match.start[ms], oe: match.end[me - 1], via: 'sound' });
      }
    });
  }

  /** A base-view span as a hit: match-view position for scopes, original offsets for the finding. */
  const baseHit = (term: number, bs: number, be: number, via: MatchVia): Hit => {
    let ms = match.fromBase[bs];
    const me = Math.min(Math.max(ms + 1, match.fromBase[be]), m.length);
    if (ms < m.length && (m.charCodeAt(ms) === 0x7c /* clause mark */ || m.charCodeAt(ms) === 0x23 /* sentence mark */)) ms = Math.min(ms + 1, me - 1);
    ms = Math.min(ms, Math.max(0, m.length - 1));
    return { term, ms, me, os: base.start[bs], oe: base.end[be - 1], via };
  };

  for (const termId of t.regexTerms) {
    const re = t.terms[termId].regex!;
    re.lastIndex = 0;
    let count = 0;
    for (let r = re.exec(base.text); r && count < MAX_HITS_PER_TERM; r = re.exec(base.text)) {
      if (r[0].length === 0) {
        re.lastIndex++;
        continue;
      }
      count++;
      hits.add(baseHit(termId, r.index, r.index + r[0].length, 'regex'));
    }
  }

  if (usedDetectors) {
    for (const termId of t.detectorTerms) {
      for (const d of DETECTORS[t.terms[termId].text](base.text)) {
        hits.add(baseHit(termId, d.start, d.end, 'detector'));
      }
    }
  }
  return hits;
}

export interface Segments {
  /** clause / sentence index of every match-view position */
  clause: Int32Array;
  sentence: Int32Array;
  /** first match-view position of each clause / sentence, plus a final sentinel (text length) */
  clauseStart: number[];
  sentenceStart: number[];
}

/** Clauses and sentences of the match view; clause breaks are marks and 但/but cues. */
export function segment(match: MatchView, breaks: Hit[] | undefined): Segments {
  const m = match.text;
  const clause = new Int32Array(m.length + 1);
  const sentence = new Int32Array(m.length + 1);
  const clauseStart = [0];
  const sentenceStart = [0];
  const breakAt = new Set<number>();
  if (breaks) for (const h of breaks) breakAt.add(h.ms);
  let c = 0;
  let s = 0;
  for (let i = 0; i < m.length; i++) {
    const ch = m.charCodeAt(i);
    if (ch === 0x7c /* | */ || ch === 0x23 /* # */) {
      c++;
      clauseStart.push(i);
      if (ch === 0x23) {
        s++;
        sentenceStart.push(i);
      }
    } else if (breakAt.has(i)) {
      c++;
      clauseStart.push(i);
    }
    clause[i] = c;
    sentence[i] = s;
  }
  clause[m.length] = c;
  sentence[m.length] = s;
  clauseStart.push(m.length + 1);
  sentenceStart.push(m.length + 1);
  return { clause, sentence, clauseStart, sentenceStart };
}

/** Index of the first hit whose start is at or after `ms` (hits sorted by start). */
export function lowerBound(hits: Hit[], ms: number): number {
  let lo = 0;
  let hi = hits.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (hits[mid].ms < ms) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
