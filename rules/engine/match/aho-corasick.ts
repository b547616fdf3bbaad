/**
 * Aho–Corasick over UTF-16 code units. One pass over a view finds every occurrence of every pattern, so the
 * cost of a check grows with the text and the number of hits, not with the number of rules. That is what lets
 * a pack ten times larger cost about the same (see `npm run bench`); a RegExp per rule cannot do that.
 *
 * Hand-written because the engine needs raw (patternId, end) pairs on its own views with no allocation per
 * character, and because compile time matters (the content script compiles at page start): the trie lives in
 * flat arrays and a single Map keyed by (state, alphabet index), not in one object per state, and characters
 * that occur in no pattern — most of any draft — cost one array read.
 */
const ALPHABET_LIMIT = 8192; // keeps state * ALPHABET_LIMIT + letter a small integer for 130k states

export class AhoCorasick {
  /** code unit -> alphabet index (1-based); 0 = occurs in no pattern */
  private readonly alphabet = new Uint16Array(65536);
  private alphabetSize = 0;
  /** (state * ALPHABET_LIMIT + letter) -> child state */
  private readonly edges = new Map<number, number>();
  private readonly firstChild: number[] = [-1];
  private readonly nextSibling: number[] = [-1];
  private readonly letterInto: number[] = [0];
  /** first pattern ending at a state (-1 none), and the next pattern ending at the same state */
  private readonly outHead: number[] = [-1];
  private readonly nextOut: number[] = [];
  private readonly lengths: number[] = [];
  private fail = new Int32Array(1);
  /** nearest state along the fail chain with outputs (0 = none) */
  private outLink = new Int32Array(1);
  private rootNext = new Int32Array(1);
  private built = false;

  /** Adds a pattern and returns its id (ids are dense, in insertion order). */
  add(pattern: string): number {
    if (this.built) throw new Error('AhoCorasick: add after build');
    let state = 0;
    for (let i = 0; i < pattern.length; i++) {
      const c = pattern.charCodeAt(i);
      let letter = this.alphabet[c];
      if (letter === 0) {
        letter = ++this.alphabetSize;
        if (letter >= ALPHABET_LIMIT) throw new Error(`AhoCorasick: more than ${ALPHABET_LIMIT - 1} distinct characters in patterns`);
        this.alphabet[c] = letter;
      }
      const key = state * ALPHABET_LIMIT + letter;
      let child = this.edges.get(key);
      if (child === undefined) {
        child = this.firstChild.length;
        this.firstChild.push(-1);
        this.nextSibling.push(this.firstChild[state]);
        this.firstChild[state] = child;
        this.letterInto.push(letter);
        this.outHead.push(-1);
        this.edges.set(key, child);
      }
      state = child;
    }
    const id = this.lengths.length;
    this.lengths.push(pattern.length);
    this.nextOut.push(this.outHead[state]);
    this.outHead[state] = id;
    return id;
  }

  patternLength(id: number): number {
    return this.lengths[id];
  }

  private goto(state: number, letter: number): number | undefined {
    return state === 0 ? this.rootNext[letter] || undefined : this.edges.get(state * ALPHABET_LIMIT + letter);
  }

  build(): this {
    const states = this.firstChild.length;
    this.fail = new Int32Array(states);
    this.outLink = new Int32Array(states);
    this.rootNext = new Int32Array(this.alphabetSize + 1);
    const queue: number[] = [];
    for (let s = this.firstChild[0]; s !== -1; s = this.nextSibling[s]) {
      this.rootNext[this.letterInto[s]] = s;
      queue.push(s);
    }
    for (let qi = 0; qi < queue.length; qi++) {
      const r = queue[qi];
      for (let s = this.firstChild[r]; s !== -1; s = this.nextSibling[s]) {
        queue.push(s);
        const letter = this.letterInto[s];
        let f = this.fail[r];
        let g = this.goto(f, letter);
        while (g === undefined && f !== 0) {
          f = this.fail[f];
          g = this.goto(f, letter);
        }
        const fs = g !== undefined && g !== s ? g : 0;
        this.fail[s] = fs;
        this.outLink[s] = this.outHead[fs] >= 0 ? fs : this.outLink[fs];
      }
    }
    this.built = true;
    return this;
  }

  /** Calls onHit(patternId, endExclusive) for every occurrence, in order of end position. */
  scan(text: string, onHit: (patternId: number, end: number) => void): void {
    const alphabet = this.alphabet;
    const edges = this.edges;
    const fail = this.fail;
    const rootNext = this.rootNext;
    const outHead = this.outHead;
    const nextOut = this.nextOut;
    const outLink = this.outLink;
    let state = 0;
    for (let i = 0; i < text.length; i++) {
      const letter = alphabet[text.charCodeAt(i)];
      if (letter === 0) {
        state = 0;
        continue;
      }
      let next = 0;
      for (;;) {
        const s = state === 0 ? rootNext[letter] : (edges.get(state * ALPHABET_LIMIT + letter) ?? 0);
        if (s !== 0 || state === 0) {
          next = s;
          break;
        }
        state = fail[state];
      }
      state = next;
      for (let o = outHead[state] >= 0 ? state : outLink[state]; o > 0; o = outLink[o]) {
        for (let p = outHead[o]; p >= 0; p = nextOut[p]) onHit(p, i + 1);
      }
    }
  }
}
