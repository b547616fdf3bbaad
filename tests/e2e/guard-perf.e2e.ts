/**
 * Speed of the composer guard, measured in the browser: keystroke → underline (keydown timestamp to the end of
 * the frame that painted the underline) on 2,000- and 10,000-character drafts, the time the guard adds to a
 * send, the content script's size and the JS heap it adds to a tab. Figures go to tests/.artifacts/guard-perf.json
 * and the console. Bounds are loose regression guards only: CI machines are shared and the engine's own cost
 * dominates; the README reports the measured figures against the targets.
 */
import { mkdirSync, statSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { STATUS_MESSAGE } from '../../lib/guard/content-main';
import type { GuardStatus } from '../../lib/guard/guard';
import { EXTENSION_DIR } from './harness';
import { COMPOSER, openLab, settle, startGuardEnv, typeDraft, type GuardEnv } from './guard-helpers';

const ARTIFACTS = resolve(__dirname, '../.artifacts');
const figures: Record<string, unknown> = {};
let env: GuardEnv;
beforeAll(async () => {
  env = await startGuardEnv({ bundledPacks: true }); // the real cn + us packs, as agents run them
});
afterAll(async () => {
  await env?.close();
  mkdirSync(ARTIFACTS, { recursive: true });
  writeFileSync(join(ARTIFACTS, 'guard-perf.json'), JSON.stringify(figures, null, 2));
  console.log('[guard-perf]', JSON.stringify(figures, null, 2));
});

async function perf(page: Page): Promise<GuardStatus['perf']> {
  const url = page.url();
  return env.launched.serviceWorker.evaluate(
    async ([u, type]) => {
      const chrome = (globalThis as any).chrome;
      const [tab] = await chrome.tabs.query({ url: u.replace(/[?#].*$/, '') + '*' });
      return ((await chrome.tabs.sendMessage(tab.id, { type }, { frameId: 0 })) as GuardStatus).perf;
    },
    [url, STATUS_MESSAGE] as const,
  );
}

function filler(n: number): string {
  // Neutral to every recipient role (no debt words), so a send with the real packs goes through.
  const unit = '您好，感谢您今天抽空沟通，我们稍后再和您确认时间，祝您生活愉快。\n';
  return unit.repeat(Math.ceil(n / unit.length)).slice(0, n);
}

async function typingRun(kind: string, chars: number, keystrokes: number) {
  const page = await openLab(env, kind);
  await typeDraft(page, filler(chars - 12) + '再不还钱就收拾你。');
  await settle(page);
  await page.evaluate(() => new Promise((r) => setTimeout(r, 200)));
  const before = (await perf(page)).underlineSamples;
  for (let i = 0; i < keystrokes; i++) await page.keyboard.type(i % 2 ? 'a' : '好', { delay: 0 });
  await settle(page);
  const p = await perf(page);
  return { samples: p.underlineSamples - before, p50: round(p.underlineP50), p95: round(p.underlineP95), max: round(p.underlineMax), chars: p.maxChars };
}

const round = (n: number) => Math.round(n * 100) / 100;

describe('composer guard speed', () => {
  it('keystroke to underline on a 2,000-character draft (textarea overlay and contenteditable highlights)', async () => {
    for (const kind of ['textarea', 'contenteditable', 'prosemirror']) {
      const r = await typingRun(kind, 2000, 30);
      figures[`underline_2000_${kind}`] = r;
      expect(r.samples).toBeGreaterThan(0);
      expect(r.p95).toBeLessThan(400);
    }
  });

  it('no typing lag on a 10,000-character draft', async () => {
    for (const kind of ['textarea', 'contenteditable']) {
      const r = await typingRun(kind, 10000, 20);
      figures[`underline_10000_${kind}`] = r;
      expect(r.samples).toBeGreaterThan(0);
      expect(r.p95).toBeLessThan(2000);
    }
  });

  it('time the guard adds to a send (check + decision inside the keydown)', async () => {
    const page = await openLab(env, 'textarea');
    for (let i = 0; i < 15; i++) {
      await typeDraft(page, filler(2000));
      await page.keyboard.press('Enter');
    }
    await settle(page);
    const p = await perf(page);
    figures.intercept_2000 = { samples: p.interceptSamples, p95: round(p.interceptP95), max: round(p.interceptMax) };
    expect(p.interceptSamples).toBeGreaterThanOrEqual(15);
    expect(p.interceptP95).toBeLessThan(400);
  });

  it('content script size and heap added to a tab', async () => {
    const size = statSync(join(EXTENSION_DIR, 'content-scripts/content.js')).size;
    figures.contentScriptBytes = size;
    const heap = async (page: Page) => {
      const cdp = await page.context().newCDPSession(page);
      await cdp.send('Performance.enable');
      await cdp.send('HeapProfiler.collectGarbage');
      const { metrics } = await cdp.send('Performance.getMetrics');
      await cdp.detach();
      return (metrics as { name: string; value: number }[]).find((m) => m.name === 'JSHeapUsedSize')!.value;
    };
    const withPage = await openLab(env, 'textarea');
    await withPage.locator(COMPOSER).click();
    await typeDraft(withPage, '再不还钱就收拾你。');
    await settle(withPage);
    const withGuard = await heap(withPage);
    const off = await startGuardEnv({ extension: false });
    try {
      const offPage = await openLab(off, 'textarea');
      await typeDraft(offPage, '再不还钱就收拾你。');
      const withoutGuard = await heap(offPage);
      figures.heapAddedBytes = Math.round(withGuard - withoutGuard);
      figures.heapWithGuardBytes = Math.round(withGuard);
    } finally {
      await off.close();
    }
    expect(size).toBeGreaterThan(0);
    expect(figures.heapAddedBytes as number).toBeLessThan(40 * 1024 * 1024);
  });
});
