/**
 * The QA review page in the built extension: events recorded through the real service worker appear in the
 * queue; filters, keyboard labelling, zh/en, detail highlighting, export → CLI verify, import with dedupe and a
 * clear error for a damaged file, and the labelled corpus export.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hashRecord } from '../../lib/audit/chain';
import { GENESIS_HASH, type AuditRecord } from '../../lib/audit/types';
import { launchBrowser, type Launched } from './harness';
import { recordEvents, sampleEvent } from './review-fixtures';

const ROOT = resolve(__dirname, '../..');
const work = mkdtempSync(join(tmpdir(), 'draftguard-review-'));
let browser: Launched;
let page: Page;

const cli = (...args: string[]) => spawnSync(process.execPath, [join(ROOT, 'node_modules/tsx/dist/cli.mjs'), join(ROOT, 'rules/cli/main.ts'), ...args], { encoding: 'utf8' });

async function openReview(): Promise<void> {
  await page.goto(`chrome-extension://${browser.extensionId}/review.html`);
  await page.waitForSelector('body[data-ready="1"]');
}

async function saveDownload(click: () => Promise<void>, name: string): Promise<string> {
  const [download] = await Promise.all([page.waitForEvent('download'), click()]);
  const path = join(work, name);
  await download.saveAs(path);
  return path;
}

/** Another agent's chain, built here the way the background builds it. */
async function otherAgentExport(n: number): Promise<string> {
  const lines: string[] = [];
  let prev = GENESIS_HASH;
  for (let seq = 1; seq <= n; seq++) {
    const body: Omit<AuditRecord, 'hash'> = {
      v: 1, id: `other-${seq}`, chain: 'other-agent-chain', seq, time: Date.UTC(2026, 0, seq), agent: 'agent-zhang', action: 'blocked',
      site: 'crm.example.test', recipient: 'debtor', channel: 'chat', packs: [{ id: 'cn', version: 1 }],
      findings: [{ rule: 'cn.threat.violence', category: 'threat', severity: 'block', start: 0, end: 2 }], draft: `小心点 ${seq}`, redacted: false, prevHash: prev,
    };
    const record = { ...body, hash: await hashRecord(body) };
    prev = record.hash;
    lines.push(JSON.stringify(record));
  }
  return lines.join('\n') + '\n';
}

beforeAll(async () => {
  browser = await launchBrowser();
  page = await browser.context.newPage();
  await page.setViewportSize({ width: 1400, height: 1000 });
  await page.goto(`chrome-extension://${browser.extensionId}/review.html`);
  await page.selectOption('#locale', 'en');
});
afterAll(async () => {
  await browser?.close();
});

describe('review page', () => {
  it('shows what the worker recorded, once per event id, and rejects malformed events', async () => {
    const acks = await recordEvents(page, Array.from({ length: 8 }, (_, i) => sampleEvent(i)));
    expect(acks.every((a) => a.ok)).toBe(true);
    const again = await recordEvents(page, [sampleEvent(0)]);
    expect(again[0]).toMatchObject({ ok: true, duplicate: true });
    const bad = await recordEvents(page, [{ ...sampleEvent(50), channel: 'fax' as never }]);
    expect(bad[0]).toMatchObject({ ok: false, retry: false });
    await openReview();
    await expect.poll(() => page.textContent('[data-testid=count]')).toBe('8 of 8 records');
  });

  it('filters by action and severity', async () => {
    await page.selectOption('#f-action', { label: 'Blocked' });
    await expect.poll(() => page.textContent('[data-testid=count]')).toBe('2 of 8 records');
    await page.selectOption('#f-action', '');
    await page.selectOption('#f-severity', 'warn');
    await expect.poll(() => page.textContent('[data-testid=count]')).toBe('4 of 8 records');
    await page.click('text=Clear filters');
    await expect.poll(() => page.textContent('[data-testid=count]')).toBe('8 of 8 records');
  });

  it('highlights the flagged span with the rule message and legal source', async () => {
    const pack = JSON.parse(readFileSync(join(ROOT, 'rules/packs/dist/cn.json'), 'utf8'));
    const rule = pack.rules.find((r: { id: string }) => r.id === 'cn.threat.violence');
    await page.selectOption('#f-action', { label: 'Blocked' });
    await page.locator('.queue .row[data-index="0"]').click();
    await expect.poll(() => page.textContent('[data-testid=draft] mark')).toBe('找人打断你的腿');
    const detail = await page.textContent('.detail');
    expect(detail).toContain(rule.message.en);
    expect(detail).toContain(rule.source);
    await page.selectOption('#locale', 'zh-Hans');
    await expect.poll(() => page.textContent('.detail')).toContain(rule.message['zh-Hans']);
    expect(await page.textContent('h1')).toBe('Draftguard — 质检复核');
    await page.selectOption('#locale', 'en');
    await page.click('text=Clear filters');
  });

  it('labels with the keyboard, keeps labels across reloads and derives per-rule precision', async () => {
    await page.locator('.queue .row[data-index="0"]').click();
    await page.keyboard.press('Home');
    await page.keyboard.press('f');
    await expect.poll(() => page.getAttribute('.labels .label-false_positive', 'aria-pressed')).toBe('true');
    await page.keyboard.press('ArrowDown');
    await expect.poll(() => page.evaluate(() => document.activeElement?.getAttribute('data-index'))).toBe('1');
    await page.keyboard.press('/');
    await page.keyboard.type('threat is real');
    await page.keyboard.press('Shift+Tab'); // leave the comment box; the comment is kept for the next label
    await page.locator('.queue .row[data-index="1"]').focus();
    await page.keyboard.press('c');
    await expect.poll(() => page.getAttribute('.labels .label-confirmed', 'aria-pressed')).toBe('true');
    await openReview();
    await page.selectOption('#f-status', { label: 'Confirmed' });
    await expect.poll(() => page.textContent('[data-testid=count]')).toBe('1 of 8 records');
    await page.locator('.queue .row[data-index="0"]').click();
    await expect.poll(() => page.inputValue('#qa-comment')).toBe('threat is real');
    await page.click('text=Clear filters');
    expect(await page.locator('table.precision tbody tr').count()).toBeGreaterThanOrEqual(2);
  });

  it('exports a JSONL chain that the CLI verifies, and the CLI catches tampering', async () => {
    const file = await saveDownload(() => page.click('text=Export JSONL'), 'export.jsonl');
    const lines = readFileSync(file, 'utf8').trim().split('\n');
    expect(lines).toHaveLength(8);
    const ok = cli('audit', 'verify', file);
    expect(ok.status, ok.stdout + ok.stderr).toBe(0);
    expect(ok.stdout).toContain('OK: 8 records');
    const tampered = lines.map((l, i) => (i === 3 ? l.replace(/"draft":"[^"]*"/, '"draft":"harmless"') : l));
    writeFileSync(join(work, 'tampered.jsonl'), tampered.join('\n'));
    const bad = cli('audit', 'verify', join(work, 'tampered.jsonl'));
    expect(bad.status).toBe(1);
    expect(bad.stdout).toContain('record 4');
    const dropped = lines.filter((_, i) => i !== 2);
    writeFileSync(join(work, 'dropped.jsonl'), dropped.join('\n'));
    expect(cli('audit', 'verify', join(work, 'dropped.jsonl')).stdout).toContain('records 3–3 are missing');
  });

  it('imports another agent’s export once, and refuses a damaged file with a clear error', async () => {
    const good = join(work, 'other.jsonl');
    writeFileSync(good, await otherAgentExport(5));
    await page.setInputFiles('[data-testid=import]', good);
    await expect.poll(() => page.textContent('[data-testid=notice]')).toBe('Imported 5 records (0 already present).');
    await expect.poll(() => page.textContent('[data-testid=count]')).toBe('13 of 13 records');
    await page.setInputFiles('[data-testid=import]', good);
    await expect.poll(() => page.textContent('[data-testid=notice]')).toBe('Imported 0 records (5 already present).');
    const text = readFileSync(good, 'utf8');
    writeFileSync(join(work, 'truncated.jsonl'), text.slice(0, text.length - 40));
    await page.setInputFiles('[data-testid=import]', join(work, 'truncated.jsonl'));
    await expect.poll(() => page.textContent('[data-testid=notice]')).toBe('Import refused: line 5: not valid JSON (the file is damaged or truncated)');
    writeFileSync(join(work, 'edited.jsonl'), text.replace('小心点 2', '小心点 9'));
    await page.setInputFiles('[data-testid=import]', join(work, 'edited.jsonl'));
    await expect.poll(() => page.textContent('[data-testid=notice]')).toContain('record 2 (other-2): content does not match its hash');
    await expect.poll(() => page.textContent('[data-testid=count]')).toBe('13 of 13 records');
    await page.selectOption('#f-agent', { label: 'agent-zhang' });
    await expect.poll(() => page.textContent('[data-testid=count]')).toBe('5 of 13 records');
    await page.click('text=Verify hash chain');
    await expect.poll(() => page.textContent('[data-testid=notice]')).toBe('Hash chain intact: 13 records in 2 chain(s).');
  });

  it('exports labelled items as corpus lines: a false positive must pass', async () => {
    const file = await saveDownload(() => page.click('text=Export labelled corpus'), 'corpus.jsonl');
    const lines = readFileSync(file, 'utf8').trim().split('\n').map((l) => JSON.parse(l));
    expect(lines).toHaveLength(2);
    const fp = lines.find((l) => l.expect === 'pass');
    expect(fp).toMatchObject({ labels: [], lang: expect.stringMatching(/^(zh-Hans|zh-Hant|en)$/), channel: expect.any(String) });
    const confirmed = lines.find((l) => l.expect !== 'pass');
    expect(confirmed.labels.length).toBeGreaterThan(0);
    expect(confirmed.note).toContain('threat is real');
    const csv = await saveDownload(() => page.click('text=Export CSV'), 'filtered.csv');
    const rows = readFileSync(csv, 'utf8').trim().split('\r\n');
    expect(rows[0].replace('\uFEFF', '')).toMatch(/^id,time,agent,/);
    expect(rows.length).toBe(1 + 5); // the agent filter is still on: only agent-zhang's five
  });
});
