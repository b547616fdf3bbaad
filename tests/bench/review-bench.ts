/**
 * Review-page benchmark: `npm run -s bench:review [-- --records N --runs R]` (after `npx wxt build`).
 * Builds an N-record audit chain (default 100,000; 40 agents, 25 sites, 12 rules), imports it through the
 * review page's own import (chain verified), then reloads the page R times and reports, from the page's own
 * timings: open = navigation start → table rendered with every row loaded, filter = input change → filtered
 * table committed (and → next frame). Also the time to import and to verify the chain in the page.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { hashRecord } from '../../lib/audit/chain';
import { toJsonl } from '../../lib/audit/exchange';
import { AUDIT_ACTIONS, GENESIS_HASH, type AuditRecord } from '../../lib/audit/types';
import { chromium } from 'playwright-core';

const arg = (name: string, fallback: number) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : fallback;
};
const N = arg('records', 100_000);
const RUNS = arg('runs', 5);
const RULES = [
  ['cn.threat.violence', 'threat', 'block'], ['cn.insult.basic', 'insult', 'block'], ['cn.false-legal.arrest', 'false_legal', 'block'],
  ['cn.disclosure.family', 'third_party_disclosure', 'block'], ['cn.harassment.night', 'harassment', 'warn'], ['cn.legal.lawsuit-plan', 'false_legal', 'warn'],
  ['cn.privacy.id', 'privacy', 'block'], ['cn.impersonation.police', 'impersonation', 'block'], ['us.threat.arrest', 'false_legal', 'block'],
  ['us.disclosure.employer', 'third_party_disclosure', 'warn'], ['us.insult.deadbeat', 'insult', 'block'], ['us.time.window', 'contact_time', 'warn'],
] as const;

async function buildChain(): Promise<AuditRecord[]> {
  const out: AuditRecord[] = [];
  let prev = GENESIS_HASH;
  const start = Date.UTC(2026, 0, 1);
  for (let seq = 1; seq <= N; seq++) {
    const k = (seq * 2654435761) >>> 0;
    const rule = RULES[k % RULES.length];
    const second = RULES[(k >>> 8) % RULES.length];
    const body: Omit<AuditRecord, 'hash'> = {
      v: 1, id: `bench-${seq}`, chain: 'bench-chain', seq, time: start + seq * 90_000, agent: `agent-${k % 40}`, action: AUDIT_ACTIONS[(k >>> 4) % AUDIT_ACTIONS.length],
      site: `console${k % 25}.example.com`, conversation: `c-${k % 5000}`, recipient: 'debtor', channel: k % 3 ? 'chat' : 'sms', packs: [{ id: 'cn', version: 4 }],
      findings: [
        { rule: rule[0], category: rule[1], severity: rule[2], start: 2, end: 8 },
        ...(k % 4 === 0 ? [{ rule: second[0], category: second[1], severity: second[2], start: 10, end: 14 }] : []),
      ],
      draft: '您好，您的账单已逾期，再不还钱我们就采取措施，请于今天下午五点前处理。', redacted: false, prevHash: prev,
    };
    const record = { ...body, hash: await hashRecord(body) } as AuditRecord;
    prev = record.hash;
    out.push(record);
  }
  return out;
}

// EXTENSION_DIR=<dir> benchmarks another build (e.g. a saved copy, since other developers rebuild .output).
const EXTENSION_DIR = process.env.EXTENSION_DIR ?? resolve(fileURLToPath(new URL('.', import.meta.url)), '../../.output/chrome-mv3');

/** The launch recipe of tests/e2e/harness.ts (which is CommonJS-only, this script runs as ESM). */
async function launchBrowser(profile: string) {
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    headless: true,
    ignoreDefaultArgs: ['--disable-extensions'],
    args: [`--disable-extensions-except=${EXTENSION_DIR}`, `--load-extension=${EXTENSION_DIR}`, '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run', '--disable-sync'],
  });
  const worker = context.serviceWorkers()[0] ?? (await context.waitForEvent('serviceworker', { timeout: 15000 }));
  return { context, extensionId: new URL(worker.url()).host, close: () => context.close() };
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

async function main() {
  const loadAtStart = (await import('node:os')).loadavg().map((x) => +x.toFixed(1));
  const dir = mkdtempSync(join(tmpdir(), 'draftguard-review-bench-'));
  const file = join(dir, 'bench.jsonl');
  let t0 = performance.now();
  writeFileSync(file, toJsonl(await buildChain()));
  const buildMs = performance.now() - t0;
  const browser = await launchBrowser(join(dir, 'profile'));
  try {
    const page = await browser.context.newPage();
    page.on('pageerror', (e) => process.stderr.write(`pageerror: ${e.message}\n`));
    page.on('console', (m) => m.type() === 'error' && process.stderr.write(`console: ${m.text()}\n`));
    await page.setViewportSize({ width: 1400, height: 1000 });
    const url = `chrome-extension://${browser.extensionId}/review.html`;
    await page.goto(url);
    await page.waitForSelector('body[data-ready="1"]');
    t0 = performance.now();
    await page.setInputFiles('[data-testid=import]', file);
    await page.waitForFunction(() => /Imported|导入|匯入|refused|拒绝|拒絕/.test(document.querySelector('[data-testid=notice]')?.textContent ?? ''), null, { timeout: 600_000 });
    const importMs = performance.now() - t0;
    const notice = await page.textContent('[data-testid=notice]');
    const importPhases = await page.evaluate(() => (globalThis as { __draftguardReview?: Record<string, number> }).__draftguardReview!);
    process.stderr.write(`import: ${notice} in ${Math.round(importMs)} ms\n`);
    const open: number[] = [];
    const load: number[] = [];
    const dbOpen: number[] = [];
    const scriptStart: number[] = [];
    const filter: number[] = [];
    const filterPaint: number[] = [];
    const compute: number[] = [];
    for (let run = 0; run < RUNS; run++) {
      await page.goto(url);
      await page.waitForSelector('body[data-ready="1"]');
      await page.waitForTimeout(300);
      const before = await page.evaluate(() => (globalThis as { __draftguardReview?: Record<string, number> }).__draftguardReview!);
      open.push(before.readyPaintMs);
      load.push(before.loadMs);
      dbOpen.push(before.dbOpenMs ?? NaN);
      scriptStart.push(before.readyMs - before.scriptToReadyMs);
      // Two filters per run: agent, then agent + category.
      for (const step of [() => page.selectOption('#f-agent', { label: 'agent-7' }), () => page.selectOption('#f-category', { label: 'false_legal' })]) {
        const count = Number((await page.evaluate(() => document.body.dataset.filtered)) ?? 0);
        await step();
        await page.waitForFunction((c) => Number(document.body.dataset.filtered ?? 0) > c, count);
        const after = await page.evaluate(() => (globalThis as { __draftguardReview?: Record<string, number> }).__draftguardReview!);
        filter.push(after.filterMs);
        filterPaint.push(after.filterPaintMs);
        compute.push(after.filterComputeMs + after.statsComputeMs);
      }
    }
    const rows = await page.evaluate(() => (globalThis as { __draftguardReview?: Record<string, number> }).__draftguardReview!.rows);
    t0 = performance.now();
    await page.click('text=/Verify hash chain|校验哈希链|校驗雜湊鏈/');
    await page.waitForFunction(() => /intact|完整|BROKEN|损坏|損壞/.test(document.querySelector('[data-testid=notice]')?.textContent ?? ''), null, { timeout: 600_000 });
    const verifyMs = performance.now() - t0;
    const result = {
      records: N, rowsLoaded: rows, import: notice, buildChainMs: Math.round(buildMs), importMs: Math.round(importMs), verifyInPageMs: Math.round(verifyMs),
      importPhasesMs: { parseAndVerify: Math.round(importPhases.importParseVerifyMs), store: Math.round(importPhases.importStoreMs) },
      verify: await page.textContent('[data-testid=notice]'),
      openMs: { median: +median(open).toFixed(1), max: +Math.max(...open).toFixed(1), runs: open.map((x) => +x.toFixed(1)) },
      tableLoadMs: { median: +median(load).toFixed(1), max: +Math.max(...load).toFixed(1) },
      // Where "open" goes: navigation start → review script running, IndexedDB open, summary read.
      scriptStartMs: { median: +median(scriptStart).toFixed(1) },
      dbOpenMs: { median: +median(dbOpen).toFixed(1) },
      filterMs: { median: +median(filter).toFixed(1), max: +Math.max(...filter).toFixed(1) },
      filterAndStatsComputeMs: { median: +median(compute).toFixed(1), max: +Math.max(...compute).toFixed(1) },
      loadAverageAtStart: loadAtStart,
      loadAverage: (await import('node:os')).loadavg().map((x) => +x.toFixed(1)),
      filterToNextFrameMs: { median: +median(filterPaint).toFixed(1), max: +Math.max(...filterPaint).toFixed(1) },
    };
    process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
  } finally {
    await browser.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

void main().catch((e) => {
  process.stderr.write(`${(e as Error).stack}\n`);
  process.exit(1);
});
