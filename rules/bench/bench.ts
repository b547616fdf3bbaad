/**
 * Engine benchmark: `npm run bench` prints a table, `npm run -s bench -- --json` one JSON object.
 * Every figure that is compared is measured in this same run (the machines are noisy; ratios travel, absolute
 * times less so). Drafts are generated from the sentences below, written for the benchmark, not corpus lines.
 */
import { createEngine, type CompiledPack } from '../index';
import { loadDefaultPacks } from '../build/default-packs';
import { derivePhonetics } from '../build/pack-build';
import { compiledPackSchema, type LexiconSource } from '../engine/schema';
import { buildBaseView, buildMatchView } from '../engine/normalize/views';

const SENTENCES = [
  '您好，这里是信用卡中心，您本期账单已逾期五天，请于本周五前还款或联系我们协商分期。',
  '如协商不成，我司可能依法提起诉讼，最终以法院判决为准。',
  '我们理解您目前的困难，可以为您申请个性化分期方案。',
  '再不还钱明天就让公安上门抓你，你等着坐牢吧！',
  '你这个老赖，不要脸，全家都是骗子。',
  '今天不处理的话我们就通知你单位领导和所有联系人。',
  'Hi, this is Acme Recovery about your account. Please call us at 800-555-0100. Reply STOP to opt out.',
  'Pay today or the sheriff will arrest you tonight, you deadbeat.',
  '請問您是否方便今天下午回電？我們可以協助您安排還款計劃。',
  '我哋唔會聯絡你屋企人，請放心。',
];

function draftOfLength(n: number, seed = 1): string {
  let s = '';
  let k = seed;
  while (s.length < n) {
    k = (k * 1103515245 + 12345) & 0x7fffffff;
    s += SENTENCES[k % SENTENCES.length];
  }
  return s.slice(0, n);
}

function timeIt(fn: () => void, minMs = 200, maxRuns = 5000): number[] {
  const samples: number[] = [];
  const start = performance.now();
  while ((performance.now() - start < minMs || samples.length < 5) && samples.length < maxRuns) {
    const t0 = performance.now();
    fn();
    samples.push(performance.now() - t0);
  }
  return samples.sort((a, b) => a - b);
}
const median = (xs: number[]) => xs[Math.floor(xs.length / 2)];
const p99 = (xs: number[]) => xs[Math.min(xs.length - 1, Math.floor(xs.length * 0.99))];

/** Rare characters for synthetic vocabulary that never occurs in the drafts. */
function syntheticTerm(k: number): string {
  const base = 0x9b00;
  return String.fromCharCode(base + (k % 97), base + 100 + ((k >> 3) % 97), base + 200 + ((k >> 6) % 97));
}

/** A pack ten times the size of the defaults: nine renamed copies of every lexicon and rule, with fresh terms. */
function tenfold(packs: CompiledPack[]): CompiledPack[] {
  let n = 0;
  return packs.map((p) => {
    const lexicons: Record<string, LexiconSource> = { ...p.lexicons };
    const rules = [...p.rules];
    for (let copy = 1; copy <= 9; copy++) {
      const rename = (item: string) => (item.startsWith('@') ? `${item}_x${copy}` : item.startsWith('$') || item.startsWith('~') ? item : syntheticTerm(n++));
      for (const [name, lex] of Object.entries(p.lexicons)) {
        const terms = Array.isArray(lex) ? lex : lex.terms;
        const fresh = terms.map((t) => (typeof t === 'string' && (t.startsWith('@') || t.startsWith('$')) ? rename(t) : syntheticTerm(n++)));
        lexicons[`${name}_x${copy}`] = Array.isArray(lex) ? fresh : { ...lex, terms: fresh };
      }
      for (const r of p.rules) {
        const m = r.match;
        rules.push({
          ...r,
          id: `${r.id}.x${copy}`,
          match: m && {
            ...m,
            all: m.all?.map((e) => (Array.isArray(e) ? e.map(rename) : rename(e))),
            any: m.any?.map(rename),
            none: m.none?.map(rename),
          },
          require: r.require && { any: r.require.any.map(rename) },
        });
      }
    }
    return { ...p, lexicons, rules, phonetics: derivePhonetics(lexicons) };
  });
}

/** The naive alternative: same normalisation, then one RegExp per rule entry, tested rule by rule. */
function naiveChecker(packs: CompiledPack[]): (text: string) => number {
  const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const checks: RegExp[][] = [];
  for (const p of packs) {
    const termsOf = (item: string, depth = 0): string[] => {
      if (depth > 8) return [];
      if (item.startsWith('@')) {
        const lex = p.lexicons[item.slice(1)];
        if (!lex) return [];
        return (Array.isArray(lex) ? lex : lex.terms).flatMap((t) => (typeof t === 'string' ? termsOf(t, depth + 1) : []));
      }
      return item.startsWith('$') || item.startsWith('~') ? [] : [item.replace(/…|\.\.\./g, '').replace(/\*$/, '').toLowerCase()];
    };
    for (const r of p.rules) {
      if (!r.match) continue;
      const entries = [...(r.match.all ?? []).map((e) => [e].flat()), ...(r.match.any ? [r.match.any] : [])];
      const res = entries.map((items) => items.flatMap((i) => termsOf(i))).filter((ts) => ts.length).map((ts) => new RegExp(ts.map(escape).join('|')));
      if (res.length) checks.push(res);
    }
  }
  return (text: string) => {
    const view = buildMatchView(buildBaseView(text), new Map()).text;
    let hits = 0;
    for (const res of checks) if (res.every((re) => re.test(view))) hits++;
    return hits;
  };
}

/**
 * A fixed workload (a million Map writes and reads with small-integer keys, the engine's commonest operation)
 * timed in the same run, so figures from machines of different speed can be compared.
 */
function calibrationMs(): number {
  return median(
    timeIt(() => {
      const m = new Map<number, number>();
      for (let i = 0; i < 1e6; i++) m.set(i * 8192 + 7, i);
      let s = 0;
      for (let i = 0; i < 1e6; i++) s += m.get(i * 8192 + 7)!;
      if (s < 0) throw new Error('unreachable');
    }, 0, 3),
  );
}

function main() {
  const json = process.argv.includes('--json');
  const sources = loadDefaultPacks();
  const serialized = sources.map((p) => JSON.stringify(p));

  // What the extension does at start: parse and validate the JSON, then compile.
  const compileSamples = timeIt(() => createEngine(serialized.map((s) => compiledPackSchema.parse(JSON.parse(s)))), 300, 50);
  const engine = createEngine(sources);

  const drafts500 = Array.from({ length: 200 }, (_, k) => draftOfLength(500, k + 1));
  for (const d of drafts500) engine.check(d, { recipient: 'debtor' }); // warm-up (JIT)
  const per500: number[] = [];
  for (let round = 0; round < 10; round++) {
    for (const d of drafts500) {
      const t0 = performance.now();
      engine.check(d, { recipient: 'debtor' });
      per500.push(performance.now() - t0);
    }
  }
  per500.sort((a, b) => a - b);

  const d10k = draftOfLength(10_000, 7);
  const d100k = draftOfLength(100_000, 7);
  const t10k = median(timeIt(() => engine.check(d10k), 300));
  const t100k = median(timeIt(() => engine.check(d100k), 600));

  const big = tenfold(sources);
  const engine10 = createEngine(big);
  const sample = drafts500.slice(0, 100);
  const runAll = (fn: (t: string) => unknown) => () => {
    for (const d of sample) fn(d);
  };
  const tBase = median(timeIt(runAll((d) => engine.check(d, { recipient: 'debtor' })), 400));
  const tTen = median(timeIt(runAll((d) => engine10.check(d, { recipient: 'debtor' })), 400));
  const naive = naiveChecker(big);
  const tNaive = median(timeIt(runAll(naive), 400));

  const rules = sources.reduce((s, p) => s + p.rules.length, 0);
  const result = {
    packs: sources.map((p) => `${p.pack.id}@${p.pack.version}`),
    rules,
    rules_10x: big.reduce((s, p) => s + p.rules.length, 0),
    compiled_json_bytes: serialized.reduce((s, x) => s + x.length, 0),
    compile_ms: +median(compileSamples).toFixed(2),
    check_500_p50_ms: +median(per500).toFixed(4),
    check_500_p99_ms: +p99(per500).toFixed(4),
    check_10k_ms: +t10k.toFixed(3),
    check_100k_ms: +t100k.toFixed(3),
    text_scaling_10x: +(t100k / t10k).toFixed(2),
    rule_scaling_10x: +(tTen / tBase).toFixed(2),
    naive_ratio: +(tNaive / tTen).toFixed(2),
    calibration_map_1m_ms: +calibrationMs().toFixed(0),
  };
  if (json) {
    process.stdout.write(JSON.stringify(result) + '\n');
    return;
  }
  const bar = (name: string, value: number, limit: number, lowerIsBetter = true) =>
    `${name.padEnd(20)} ${String(value).padStart(9)}   ${lowerIsBetter ? '≤' : '≥'} ${limit}   ${(lowerIsBetter ? value <= limit : value >= limit) ? 'ok' : 'OVER'}`;
  process.stdout.write(
    [
      `packs ${result.packs.join(', ')}: ${rules} rules (${result.rules_10x} in the 10× pack), ${result.compiled_json_bytes} bytes of JSON`,
      bar('compile_ms', result.compile_ms, 50),
      bar('check_500_p99_ms', result.check_500_p99_ms, 1),
      bar('check_100k_ms', result.check_100k_ms, 30),
      bar('text_scaling_10x', result.text_scaling_10x, 12),
      bar('rule_scaling_10x', result.rule_scaling_10x, 2),
      bar('naive_ratio', result.naive_ratio, 3, false),
      `check_500_p50_ms     ${result.check_500_p50_ms}`,
      `calibration          ${result.calibration_map_1m_ms} ms for 1M Map set+get on this machine (scale absolute figures by it)`,
    ].join('\n') + '\n',
  );
}

main();
