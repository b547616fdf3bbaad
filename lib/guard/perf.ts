/** In-page timing samples (bounded), reported to the popup and the e2e speed harness. */
function percentile(values: number[], p: number): number {
  if (!values.length) return 0;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

const MAX = 2000;

export class PerfStats {
  private underline: { ms: number; chars: number }[] = [];
  private intercept: number[] = [];

  recordUnderline(ms: number, chars: number) {
    this.underline.push({ ms, chars });
    if (this.underline.length > MAX) this.underline.shift();
  }

  recordIntercept(ms: number) {
    this.intercept.push(ms);
    if (this.intercept.length > MAX) this.intercept.shift();
  }

  reset() {
    this.underline = [];
    this.intercept = [];
  }

  summary() {
    const u = this.underline.map((s) => s.ms);
    return {
      underlineSamples: u.length,
      underlineP50: percentile(u, 50),
      underlineP95: percentile(u, 95),
      underlineMax: u.length ? Math.max(...u) : 0,
      maxChars: this.underline.reduce((m, s) => Math.max(m, s.chars), 0),
      interceptSamples: this.intercept.length,
      interceptP95: percentile(this.intercept, 95),
      interceptMax: this.intercept.length ? Math.max(...this.intercept) : 0,
    };
  }
}
