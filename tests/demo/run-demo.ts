/**
 * `npm run demo` (after `npm run build`): serves the demo chat console (Lexical) and SMS console (Quill) on
 * 127.0.0.1 and starts Chromium with the built extension. With a display: a window to try it by hand.
 * Without one ($DISPLAY unset, as on CI): headless, a scripted walk-through — clean send, blocked threat,
 * apply fix, warn with justification — with screenshots; the folder is printed at the end.
 */
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Page } from 'playwright-core';

const HERE = fileURLToPath(new URL('.', import.meta.url));
// tests/e2e/harness.ts is written for vitest (CommonJS __dirname); give it one under tsx's ESM loader.
(globalThis as { __dirname?: string }).__dirname ??= resolve(HERE, '../e2e');

async function main() {
  const { launchBrowser, serve, EXTENSION_DIR, CHROMIUM } = await import('../e2e/harness');
  const { buildConsoles, consoleRoutes } = await import('./consoles/build');
  // The packs the build bundled (rules/packs/dist, written by `npm run packs`).
  const distDir = resolve(HERE, '../../rules/packs/dist');
  const BUNDLED_PACKS = readdirSync(distDir)
    .filter((f) => f.endsWith('.json') && f !== 'index.json')
    .map((f) => JSON.parse(readFileSync(join(distDir, f), 'utf8')));
  const { e2ePack } = await import('../e2e/guard-pack');
  const { ACTIVE_PACKS_KEY, LOCAL_POLICY_KEY, PACK_STATUS_KEY } = await import('../../lib/packs/storage-keys');

  const dir = await buildConsoles();
  const { origin, server } = await serve(consoleRoutes(dir));
  const chatUrl = `${origin}/chat.html`;
  const smsUrl = `${origin}/sms.html`;
  const headed = !!process.env.DISPLAY && !process.env.DEMO_HEADLESS;

  if (headed) {
    const { chromium } = await import('playwright-core');
    const profile = mkdtempSync(join(tmpdir(), 'draftguard-demo-'));
    const context = await chromium.launchPersistentContext(profile, {
      executablePath: CHROMIUM,
      headless: false,
      ignoreDefaultArgs: ['--disable-extensions'],
      args: [`--disable-extensions-except=${EXTENSION_DIR}`, `--load-extension=${EXTENSION_DIR}`, '--no-first-run'],
    });
    const first = context.pages()[0] ?? (await context.newPage());
    await first.goto(chatUrl);
    await (await context.newPage()).goto(smsUrl);
    console.log(`Demo consoles:\n  chat ${chatUrl}\n  SMS  ${smsUrl}\nClose the browser window to stop.`);
    await new Promise<void>((r) => context.on('close', () => r()));
    rmSync(profile, { recursive: true, force: true });
    server.close();
    return;
  }

  const shots = resolve(HERE, '../.artifacts', `demo-${new Date().toISOString().replace(/[:.]/g, '-')}`);
  mkdirSync(shots, { recursive: true });
  const launched = await launchBrowser();
  let step = 0;
  const shot = async (page: Page, name: string) => {
    const file = join(shots, `${String(++step).padStart(2, '0')}-${name}.png`);
    await page.screenshot({ path: file });
    console.log(`  ${file}`);
  };
  const frames = (page: Page) => page.evaluate(() => new Promise((r) => setTimeout(() => requestAnimationFrame(() => r(null)), 120)));
  try {
    const sw = launched.serviceWorker;
    // The shipped packs plus a small demo pack that has a warn rule; the warn policy asks for a justification.
    await sw.evaluate(async (key) => {
      for (let i = 0; i < 100 && !(await (globalThis as any).chrome.storage.local.get(key))[key]; i++) await new Promise((r) => setTimeout(r, 50));
    }, PACK_STATUS_KEY);
    // Policy first: the admin part republishes the packs in force when the policy changes.
    await sw.evaluate((v) => (globalThis as any).chrome.storage.local.set(v), {
      [LOCAL_POLICY_KEY]: { severityActions: { block: 'none', warn: 'justify' }, defaults: { jurisdiction: ['cn'] } },
      'draftguard:uiLocale': 'zh-Hans',
    });
    await new Promise((r) => setTimeout(r, 1500));
    await sw.evaluate((v) => (globalThis as any).chrome.storage.local.set(v), { [ACTIVE_PACKS_KEY]: [...BUNDLED_PACKS, e2ePack()] });
    await new Promise((r) => setTimeout(r, 300));
    const page = launched.context.pages()[0] ?? (await launched.context.newPage());
    await page.setViewportSize({ width: 900, height: 640 });
    console.log('Demo walk-through (headless):');

    await page.goto(chatUrl);
    const composer = page.locator('.composer-input');
    await composer.click();
    await page.keyboard.insertText('王先生您好，本月账单已出，请问方便今天确认还款计划吗？');
    await frames(page);
    await shot(page, 'chat-clean-draft');
    await page.keyboard.press('Enter');
    await frames(page);
    await shot(page, 'chat-clean-sent');

    await page.keyboard.insertText('再不还钱就找人收拾你，你家人也跑不了。');
    await frames(page);
    await shot(page, 'chat-threat-underlined');
    await page.keyboard.press('Enter');
    await frames(page);
    await shot(page, 'chat-threat-blocked-dialog');
    const fix = page.locator('draftguard-ui [data-dg-dialog] [data-dg-action="apply-fix"]').first();
    if (await fix.count()) {
      await fix.click();
      await frames(page);
      await shot(page, 'chat-fix-applied');
      const sendNow = page.locator('draftguard-ui [data-dg-action="send-now"]');
      if (await sendNow.count()) await sendNow.click();
      else await page.locator('draftguard-ui [data-dg-action="back"]').click();
      await frames(page);
      await shot(page, 'chat-after-fix');
    }

    await page.goto(smsUrl);
    await page.locator('.composer-input').click();
    await page.keyboard.insertText('这是最后通牒，请于今日 18:00 前处理账单。');
    await frames(page);
    await page.locator('draftguard-ui [data-dg-badge]').click();
    await page.locator('draftguard-ui [data-dg-recipient="debtor"]').check();
    await frames(page);
    await shot(page, 'sms-badge-recipient');
    await page.keyboard.press('Escape');
    await page.locator('#send').click();
    await frames(page);
    await page.locator('draftguard-ui [data-dg-action="justification"]').fill('客户本人要求明确截止时间，已核实身份。');
    await shot(page, 'sms-warn-justification');
    await page.locator('draftguard-ui [data-dg-action="proceed"]').click();
    await frames(page);
    await shot(page, 'sms-sent-after-justification');

    const tabId = await sw.evaluate(async (u) => (await (globalThis as any).chrome.tabs.query({ url: u }))[0]?.id, smsUrl);
    const popup = await launched.context.newPage();
    await popup.setViewportSize({ width: 340, height: 480 });
    await popup.goto(`chrome-extension://${launched.extensionId}/popup.html?tab=${tabId}`);
    await frames(popup);
    await shot(popup, 'popup');
    console.log(`Screenshots: ${shots}`);
  } finally {
    await launched.close();
    server.close();
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
