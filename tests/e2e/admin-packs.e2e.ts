/**
 * Signed pack updates end to end: a loopback server serves rule-pack bundles; the policy (imported in the options
 * page) points the extension at it. A good update changes what an already-open console blocks, within 5 s and
 * without a reload; a tampered or older bundle is refused while the old pack keeps blocking; a server that is down
 * changes nothing. Packs, keys and bundles are made at run time (no key is ever stored).
 */
import type { Server } from 'node:http';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildPackFromSources } from '../../rules/build/pack-build';
import { makeBundle, serializeBundle, signBundle } from '../../lib/packs/bundle';
import { generateSigningKey, type PrivateKeyFile } from '../../lib/packs/signature';
import { launchBrowser, serve, type Launched } from './harness';

const PACK = (version: number, withMoon: boolean) => `
pack:
  id: acme
  version: ${version}
  jurisdiction: cn
  name: { zh-Hans: 端到端更新测试包, en: E2E update pack }
rules:
  - id: acme.beast
    category: insult
    severity: block
    match: { any: [紫色独角兽] }
    message: { zh-Hans: 测试规则一, en: Test rule one }
    source: 测试依据
    examples: { flag: [紫色独角兽来了], pass: [今天天气不错] }
${
  withMoon
    ? `  - id: acme.moon
    category: insult
    severity: block
    match: { any: [月亮熊] }
    message: { zh-Hans: 测试规则二, en: Test rule two }
    source: 测试依据
    examples: { flag: [月亮熊来了], pass: [今天天气不错] }`
    : ''
}
`;

/** Blocked by v1 and later. */
const BEAST = '紫色独角兽来了';
/** Blocked only from v2 on: the draft whose fate shows which pack is in force. */
const MOON = '月亮熊来了';

const CONSOLE_HTML = `<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><title>催收坐席控制台</title></head><body>
<header data-dg-contact-role="debtor">对方：借款人</header>
<ul id="log"></ul>
<textarea id="draft" rows="3" cols="60"></textarea><button id="send" type="button">发送</button>
<script>
  window.__sent = [];
  const draft = document.getElementById('draft');
  function send() {
    const text = draft.value;
    if (!text.trim()) return;
    window.__sent.push(text);
    const li = document.createElement('li');
    li.textContent = text;
    document.getElementById('log').append(li);
    draft.value = '';
  }
  document.getElementById('send').addEventListener('click', send);
</script></body></html>`;

async function bundle(key: PrivateKeyFile, version: number, withMoon: boolean): Promise<string> {
  const pack = buildPackFromSources('acme', [{ name: 'pack.yaml', source: PACK(version, withMoon) }]);
  return serializeBundle(await signBundle(makeBundle(pack), key));
}

let launched: Launched;
let consoleServer: Server;
let packServer: Server;
let consoleOrigin: string;
let packUrl: string;
const packRoutes: Record<string, [string, string]> = {};
let key: Awaited<ReturnType<typeof generateSigningKey>>;
let console_: Page;
let options: Page;

/** Tries to send `text` from the console; true when the page received it. */
async function delivered(page: Page, text: string): Promise<boolean> {
  await page.bringToFront(); // the agent works in the console; a hidden tab would not run frames
  await page.keyboard.press('Escape'); // closes a guard dialog left open by the previous attempt
  const before = await page.evaluate(() => (window as unknown as { __sent: string[] }).__sent.length);
  await page.fill('#draft', text);
  await page.click('#send', { timeout: 5000 });
  await page.evaluate(() => new Promise((r) => setTimeout(() => requestAnimationFrame(() => r(null)), 100)));
  const sent = await page.evaluate(() => (window as unknown as { __sent: string[] }).__sent);
  return sent.length > before && sent[sent.length - 1] === text;
}

/** The options page's row for the remote source. */
const row = () => options.locator(`[data-testid="packs-table"] tr[data-source="${packUrl}"]`);

async function checkNow(): Promise<void> {
  await options.bringToFront();
  await options.getByTestId('check-now').click();
  await expect.poll(() => options.getByTestId('check-now').isEnabled(), { timeout: 20000 }).toBe(true);
}

beforeAll(async () => {
  key = await generateSigningKey();
  ({ origin: consoleOrigin, server: consoleServer } = await serve({ '/console.html': ['text/html; charset=utf-8', CONSOLE_HTML] }));
  let packOrigin: string;
  ({ origin: packOrigin, server: packServer } = await serve(packRoutes));
  packUrl = `${packOrigin}/acme.bundle.json`;
  packRoutes['/acme.bundle.json'] = ['application/json', await bundle(key.privateKey, 1, false)];
  launched = await launchBrowser();
  console_ = launched.context.pages()[0] ?? (await launched.context.newPage());
  await console_.goto(`${consoleOrigin}/console.html`);
  options = await launched.context.newPage();
  await options.goto(`chrome-extension://${launched.extensionId}/options.html#policy`);
});

afterAll(async () => {
  await launched?.close();
  await new Promise((r) => consoleServer?.close(r));
  if (packServer?.listening) await new Promise((r) => packServer.close(r));
});

describe('signed pack updates reach an open console', () => {
  it('negative control: without the guard the console delivers both drafts', async () => {
    // A separate browser without the extension (the bundled packs' contact-time rule depends on the clock, so
    // "before the update" inside the guarded browser is not a stable control).
    const bare = await launchBrowser({ extension: false });
    try {
      const page = bare.context.pages()[0] ?? (await bare.context.newPage());
      await page.goto(`${consoleOrigin}/console.html`);
      expect(await delivered(page, BEAST)).toBe(true);
      expect(await delivered(page, MOON)).toBe(true);
    } finally {
      await bare.close();
    }
  });

  it('the imported policy brings in pack v1: the open console now blocks what v1 forbids, and only that', async () => {
    const policy = {
      packs: {
        bundled: [],
        remote: [{ url: packUrl, id: 'acme' }],
        trustedKeys: [{ id: key.publicKey.keyId, alg: key.publicKey.alg, publicKey: key.publicKey.publicKey }],
      },
      refreshMinutes: 60,
    };
    await options.bringToFront();
    await options.getByTestId('policy-json').fill(JSON.stringify(policy));
    await options.getByTestId('policy-import').click();
    await expect.poll(() => options.getByTestId('policy-message').textContent()).toMatch(/imported|导入|匯入/i);
    await options.getByRole('tab', { name: /Rule packs|规则包|規則包/ }).click();
    await expect.poll(() => row().getAttribute('data-state'), { timeout: 20000 }).toBe('ok');
    expect(await row().getAttribute('data-version')).toBe('1');
    await expect.poll(() => delivered(console_, BEAST), { timeout: 5000 }).toBe(false);
    expect(await delivered(console_, MOON)).toBe(true);
  });

  it('a good update (v2) reaches the already-open console within 5 s, without a reload', async () => {
    packRoutes['/acme.bundle.json'] = ['application/json', await bundle(key.privateKey, 2, true)];
    const loads = await console_.evaluate(() => performance.getEntriesByType('navigation').length);
    await options.bringToFront();
    const started = Date.now();
    await options.getByTestId('check-now').click();
    await expect.poll(() => row().getAttribute('data-version'), { timeout: 5000, interval: 100 }).toBe('2');
    await expect.poll(() => delivered(console_, MOON), { timeout: 5000, interval: 100 }).toBe(false);
    const elapsed = Date.now() - started;
    console.log(`update accepted and enforced in the open tab after ${elapsed} ms`);
    expect(elapsed).toBeLessThan(5000);
    expect(await console_.evaluate(() => performance.getEntriesByType('navigation').length)).toBe(loads);
    expect(await console_.evaluate(() => (window as unknown as { __sent: string[] }).__sent.length)).toBeGreaterThan(0);
  });

  it('a tampered bundle is refused, the reason is shown, and v2 keeps blocking', async () => {
    // A weakening v3 (the moon rule removed), validly signed, then one character of a message changed.
    const v3 = await bundle(key.privateKey, 3, false);
    packRoutes['/acme.bundle.json'] = ['application/json', v3.replace('测试规则一', '测试规则X')];
    await checkNow();
    await expect.poll(() => row().getAttribute('data-state')).toBe('rejected');
    expect(await row().getAttribute('data-version')).toBe('2');
    expect(await row().locator('.dg-last-error').textContent()).toContain('bad_signature');
    expect(await delivered(console_, MOON)).toBe(false);
    // The agent sees it too: the popup says the update was refused and the packs in force stay.
    const popup = await launched.context.newPage();
    await popup.goto(`chrome-extension://${launched.extensionId}/popup.html`);
    await expect.poll(() => popup.locator('[data-dg-pack-problem]').count()).toBe(1);
    expect(await popup.locator('[data-dg-pack-problem]').textContent()).toMatch(/acme\.bundle\.json/);
    await popup.close();
  });

  it('an older, validly signed bundle (v1) is refused as a downgrade, and v2 keeps blocking', async () => {
    packRoutes['/acme.bundle.json'] = ['application/json', await bundle(key.privateKey, 1, false)];
    await checkNow();
    await expect.poll(() => row().locator('.dg-last-error').textContent()).toContain('downgrade');
    expect(await row().getAttribute('data-state')).toBe('rejected');
    expect(await row().getAttribute('data-version')).toBe('2');
    expect(await delivered(console_, MOON)).toBe(false);
  });

  it('with the server down nothing changes: v2 keeps blocking, the source shows as unreachable', async () => {
    await new Promise((r) => packServer.close(r));
    await checkNow();
    await expect.poll(() => row().getAttribute('data-state'), { timeout: 20000 }).toBe('unreachable');
    expect(await row().getAttribute('data-version')).toBe('2');
    expect(await delivered(console_, MOON)).toBe(false);
    expect(await delivered(console_, BEAST)).toBe(false);
    // The page still delivers clean drafts: the guard blocks rules, not the console.
    expect(await delivered(console_, '您好，请问本月的还款安排方便沟通一下吗？')).toBe(true);
  });
});

describe('options page', () => {
  it('browses the rules in force and tries a sentence against them', async () => {
    await options.bringToFront();
    await options.getByRole('tab', { name: /^(Rules|规则浏览|規則瀏覽)$/ }).click();
    await options.getByTestId('rule-search').fill('月亮熊');
    await expect.poll(() => options.locator('[data-rule]').count()).toBe(1);
    expect(await options.locator('[data-rule]').first().getAttribute('data-rule')).toBe('acme.moon');

    await options.getByRole('tab', { name: /Try a sentence|试一试|試一試/ }).click();
    await options.getByTestId('try-text').fill(`您好，${MOON}`);
    await expect.poll(() => options.getByTestId('try-result').getAttribute('data-verdict')).toBe('block');
    expect(await options.locator('[data-testid="try-result"] [data-rule]').first().getAttribute('data-rule')).toBe('acme.moon');
    await options.getByTestId('try-text').fill('您好，请问本月的还款安排方便沟通一下吗？');
    await expect.poll(() => options.getByTestId('try-result').getAttribute('data-verdict')).toBe('pass');
  });

  it('settings a policy locks are read-only, and an import cannot change them', async () => {
    await options.getByRole('tab', { name: /^(Policy|策略)$/ }).click();
    await options.getByTestId('policy-json').fill(JSON.stringify({ mode: 'enforce', locked: ['mode', 'locked'] }));
    await options.getByTestId('policy-import').click();
    const modeRow = options.locator('[data-testid="policy-table"] tr[data-setting="mode"]');
    await expect.poll(() => modeRow.locator('[data-locked="true"]').count()).toBe(1);
    await expect.poll(() => options.locator('select').filter({ has: options.locator('option[value="monitor"]') }).isDisabled()).toBe(true);

    await options.getByTestId('policy-json').fill(JSON.stringify({ mode: 'monitor', locked: [] }));
    await options.getByTestId('policy-import').click();
    await expect.poll(() => options.getByTestId('policy-message').textContent()).toMatch(/mode/);
    const stored = await launched.serviceWorker.evaluate(() => (globalThis as any).chrome.storage.local.get('draftguard:policy'));
    expect((stored['draftguard:policy'] as { mode: string }).mode).toBe('enforce');
  });
});
