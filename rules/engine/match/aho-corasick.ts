/**
 * Aho–Corasick over UTF-16 code units. One pass over a view finds every occurrence of every pattern, so the
 * cost of a check grows with the text and the number of hits, not with the number of rules. That is what lets
 * a pack ten times larger cost about the same (see `npm run bench`); a RegExp per rule cannot do that.
 * Hand-written because the engine needs raw (patternId, end) pairs on its own views, with no allocation per
 * character, and the npm implementations return strings or allocate per match.
 */
export class AhoCorasick {
  /** goto[state] maps a code unit to the next state. */
  private readonly next: Map<number, number>[] = [new Map()];
  private readonly fail: number[] = [0];
  /** Patterns ending exactly at a state. */
  private readonly out: number[][] = [[]];
  /** Nearest state along the fail chain that has outputs (-1 when none). */
  private readonly outLink: number[] = [-1];
  private readonly lengths: number[] = [];
  private built = false;

  /** Adds a pattern and returns its id (ids are dense, in insertion order). */
  add(pattern: string): number {
    if (this.built) throw new Error('AhoCorasick: add after build');
    let state = 0;
    for (let i = 0; i < pattern.length; i++) {
      const c = pattern.charCodeAt(i);
      let s = this.next[state].get(c);
      if (s === undefined) {
        s = this.next.length;
        this.next.push(new Map());
        this.fail.push(0);
        this.out.push([]);
        this.outLink.push(-1);
        this.next[state].set(c, s);
      }
      state = s;
    }
    const id = this.lengths.length;
    this.lengths.push(pattern.length);
    this.out[state].push(id);
    return id;
  }

  patternLength(id: number): number {
    return this.lengths[id];
  }

  build(): this {
    const queue: number[] = [];
    for (const s of this.next[0].values()) queue.push(s);
    for (let qi = 0; qi < queue.length; qi++) {
      const r = queue[qi];
      for (const [c, s] of this.next[r]) {
        queue.push(s);
        let f = this.fail[r];
        while (f !== 0 && !this.next[f].has(c)) f = this.fail[f];
        const g = this.next[f].get(c);
        this.fail[s] = g !== undefined && g !== s ? g : 0;
        const fs = this.fail[s];
        this.outLink[s] = this.out[fs].length > 0 ? fs : this.outLink[fs];
      }
    }
    this.built = true;
    return this;
  }

  /** Calls onHit(patternId, endExclusive) for every occurrence, in order of end position. */
  scan(text: string, onHit: (patternId: number, end: number) => void): void {
    const next = this.next;
    const fail = this.fail;
    const out = this.out;
    const outLink = this.outLink;
    let state = 0;
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i);
      let s = next[state].get(c);
      while (s === undefined && state !== 0) {
        state = fail[state];
        s = next[state].get(c);
      }
      state = s ?? 0;
      for (let o = out[state].length > 0 ? state : outLink[state]; o > 0; o = outLink[o]) {
        const ids = out[o];
        for (let k = 0; k < ids.length; k++) onHit(ids[k], i + 1);
      }
    }
  }
}
