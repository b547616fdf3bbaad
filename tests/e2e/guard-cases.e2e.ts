/**
 * Composer guard: the cases beyond the editor matrix — IME, held keys, Ctrl+Enter and press-sending consoles,
 * late, shadow-root and iframe composers, caret and undo after a fix, justification policies, the hover card,
 * the badge, the popup, and the audit events the background receives. Negative control: guard-off.e2e.ts.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AUDIT_MESSAGE } from '../../lib/audit/types';
import { EFFECTIVE_POLICY_KEY, LOCAL_POLICY_KEY } from '../../lib/packs/storage-keys';
import { DRAFTS } from './guard-pack';
import { COMPOSER, dialog, dialogAction, editorText, openLab, sent, settle, startGuardEnv, typeDraft, underlined, type GuardEnv } from './guard-helpers';

let env: GuardEnv;
let page: Page;
beforeAll(async () => {
  env = await startGuardEnv();
  page = env.page;
  // Record every audit event the service worker receives (in addition to the QA store's own listener).
  await env.launched.serviceWorker.evaluate((type) => {
    const g = globalThis as any;
    g.__audits = [];
    g.chrome.runtime.onMessage.addListener((m: any) => {
      if (m?.type === type) g.__audits.push(m.event);
    });
  }, AUDIT_MESSAGE);
});
afterAll(async () => {
  await env?.close();
});

const audits = () => env.launched.serviceWorker.evaluate(() => (globalThis as any).__audits as { action: string; justification?: string; disputedRule?: string; draft: string; sentText?: string }[]);

async function imeEnter(p: Page, composing: string) {
  const cdp = await p.context().newCDPSession(p);
  await cdp.send('Input.imeSetComposition', { text: composing, selectionStart: composing.length, selectionEnd: composing.length });
  await cdp.send('Input.dispatchKeyEvent', { type: 'rawKeyDown', key: 'Enter', code: 'Enter', windowsVirtualKeyCode: 13, nativeVirtualKeyCode: 13 });
  await cdp.send('Input.dispatchKeyEvent', { type: 'keyUp', key: 'Enter', code: 'Enter', windowsVirtualKeyCode: 13, nativeVirtualKeyCode: 13 });
  await cdp.send('Input.insertText', { text: composing });
  await cdp.detach();
}

describe('keys', () => {
  it('Enter that confirms an IME composition is never a send, even on a console that forgets the IME check', async () => {
    await openLab(env, 'textarea', { naiveIme: '1' });
    await typeDraft(page, DRAFTS.block);
    await imeEnter(page, '你好');
    await settle(page);
    expect(await dialog(page).count()).toBe(0);
    expect(await sent(page)).toEqual([]);
    expect(await editorText(page)).toBe(DRAFTS.block + '你好');
  });

  it('IME Enter on a clean draft in Lexical neither sends nor opens the dialog', async () => {
    await openLab(env, 'lexical');
    await typeDraft(page, DRAFTS.clean);
    await imeEnter(page, '好');
    await settle(page);
    expect(await dialog(page).count()).toBe(0);
    expect(await sent(page)).toEqual([]);
    expect(await editorText(page)).toBe(DRAFTS.clean + '好');
  });

  it('a held Enter sends a clean draft once and never repeats; held on a violating draft sends nothing', async () => {
    await openLab(env, 'textarea');
    await typeDraft(page, DRAFTS.clean);
    for (let i = 0; i < 4; i++) await page.keyboard.down('Enter');
    await page.keyboard.up('Enter');
    await settle(page);
    expect(await sent(page)).toEqual([DRAFTS.clean]);
    await typeDraft(page, DRAFTS.block);
    for (let i = 0; i < 4; i++) await page.keyboard.down('Enter');
    await page.keyboard.up('Enter');
    await settle(page);
    expect(await sent(page)).toEqual([DRAFTS.clean]);
    expect(await dialog(page).count()).toBe(1);
  });

  it('Ctrl+Enter on a console that sends with it is guarded; a clean Ctrl+Enter goes through once', async () => {
    await openLab(env, 'prosemirror', { modEnter: '1' });
    await typeDraft(page, DRAFTS.block);
    await page.keyboard.press('Control+Enter');
    await settle(page);
    expect(await dialog(page).count()).toBe(1);
    await dialogAction(page, 'back').click();
    await page.keyboard.press('Control+a');
    await page.keyboard.press('Backspace');
    await typeDraft(page, DRAFTS.clean);
    await page.keyboard.press('Control+Enter');
    await settle(page);
    expect(await sent(page)).toEqual([DRAFTS.clean]);
  });
});

describe('send controls and composers nobody configured', () => {
  it('a console that sends on pointerdown: blocked press sends nothing; a warned send is replayed once', async () => {
    await openLab(env, 'generic', { sendOn: 'pointerdown' });
    await typeDraft(page, DRAFTS.block);
    await page.locator('#send').click();
    await settle(page);
    expect(await dialog(page).count()).toBe(1);
    expect(await sent(page)).toEqual([]);
    await dialogAction(page, 'back').click();
    await page.evaluate(() => (window as any).__lab.reset());
    await page.locator(COMPOSER).click();
    await typeDraft(page, DRAFTS.warn);
    await page.locator('#send').click();
    await dialogAction(page, 'acknowledge').check();
    await dialogAction(page, 'proceed').click();
    await settle(page);
    expect(await sent(page)).toEqual([DRAFTS.warn]);
  });

  it('a composer added after load is found, underlined and guarded', async () => {
    await openLab(env, 'quill', { late: '1' });
    await page.waitForTimeout(150);
    await page.evaluate(() => (window as any).__lab.mount());
    await page.locator(COMPOSER).click();
    await typeDraft(page, DRAFTS.block);
    await expect.poll(() => underlined(page, 'block')).toEqual(['收拾你']);
    await page.keyboard.press('Enter');
    await settle(page);
    expect(await dialog(page).count()).toBe(1);
    expect(await sent(page)).toEqual([]);
  });

  it.each(['textarea', 'contenteditable'])('a %s composer inside an open shadow root is underlined and guarded', async (kind) => {
    await openLab(env, kind, { shadow: '1' });
    await typeDraft(page, DRAFTS.block);
    await expect.poll(() => page.evaluate(() => document.querySelector('draftguard-ui')?.shadowRoot?.querySelector('[data-dg-badge]')?.getAttribute('data-dg-badge'))).toBe('block');
    await page.locator('#send').click();
    await settle(page);
    expect(await dialog(page).count()).toBe(1);
    expect(await sent(page)).toEqual([]);
  });

  it('a composer in a same-origin iframe is guarded by the frame’s own script', async () => {
    await page.goto(`${env.origin}/frame.html`);
    const frame = page.frameLocator('#inner');
    await frame.locator('#composer').click();
    await page.keyboard.insertText(DRAFTS.block);
    await page.keyboard.press('Enter');
    await expect.poll(() => frame.locator('draftguard-ui [data-dg-dialog]').count()).toBe(1);
    const inner = page.frames().find((f) => f.url().includes('lab.html'))!;
    expect(await inner.evaluate(() => (window as any).__lab.sent.length)).toBe(0);
  });
});

describe('fixes', () => {
  it('after a fix the caret sits after the replacement and undo restores the draft (textarea)', async () => {
    await openLab(env, 'textarea');
    await typeDraft(page, DRAFTS.block);
    await page.keyboard.press('Enter');
    await dialogAction(page, 'apply-fix').click();
    await expect.poll(() => editorText(page)).toBe(DRAFTS.blockFixed);
    await dialogAction(page, 'back').click();
    const caret = await page.evaluate(() => (document.getElementById('composer') as HTMLTextAreaElement).selectionStart);
    expect(caret).toBe(DRAFTS.blockFixed.indexOf('联系您') + 3);
    await page.keyboard.press('Control+z');
    await expect.poll(() => editorText(page)).toBe(DRAFTS.block);
  });

  it('undo after a fix goes through the editor’s own history (ProseMirror)', async () => {
    await openLab(env, 'prosemirror');
    await typeDraft(page, DRAFTS.block);
    await page.keyboard.press('Enter');
    await dialogAction(page, 'apply-fix').click();
    await expect.poll(() => editorText(page)).toBe(DRAFTS.blockFixed);
    await dialogAction(page, 'back').click();
    await page.keyboard.type('!');
    expect(await editorText(page)).toBe(DRAFTS.blockFixed.replace('联系您', '联系您!'));
    await page.keyboard.press('Control+z');
    await expect.poll(() => editorText(page)).not.toBe(DRAFTS.blockFixed.replace('联系您', '联系您!'));
  });

  it('hovering an underline shows the card with message, source and rewrite; its fix applies', async () => {
    await openLab(env, 'contenteditable');
    await typeDraft(page, DRAFTS.block);
    const box = await page.evaluate(() => {
      const r = [...(CSS as any).highlights.get('draftguard-block')][0].getBoundingClientRect();
      return { x: r.left + r.width / 2, y: r.top + r.height / 2 };
    });
    await page.mouse.move(box.x, box.y);
    const card = page.locator('draftguard-ui [data-dg-card="e2e.threat"]');
    await expect.poll(() => card.count()).toBe(1);
    const text = await card.innerText();
    expect(text).toContain('威胁用语');
    expect(text).toContain('测试依据第1条');
    expect(text).toContain('联系您');
    await card.locator('[data-dg-action="apply-fix"]').click();
    await expect.poll(() => editorText(page)).toBe(DRAFTS.blockFixed);
  });
});

describe('policy, recipient, popup and audit', () => {
  it('justification policies: warn needs a written reason; block may be overridden with one; both replay once', async () => {
    // Through the admin part's own path: a local policy source, which it merges and publishes for the guard.
    await env.launched.serviceWorker.evaluate(async ([local, effective]) => {
      const chrome = (globalThis as any).chrome;
      await chrome.storage.local.set({ [local]: { severityActions: { block: 'justify', warn: 'justify' } } });
      for (let i = 0; i < 100; i++) {
        const v = (await chrome.storage.local.get(effective))[effective];
        if (v?.guard?.severity?.warn?.confirm === 'justify') return;
        await new Promise((r) => setTimeout(r, 50));
      }
    }, [LOCAL_POLICY_KEY, EFFECTIVE_POLICY_KEY]);
    await openLab(env, 'lexical');
    await typeDraft(page, DRAFTS.warn);
    await page.keyboard.press('Enter');
    await expect.poll(() => dialogAction(page, 'justification').count()).toBe(1);
    await dialogAction(page, 'justification').fill('客户要求书面通知，已核实。');
    await dialogAction(page, 'proceed').click();
    await settle(page);
    expect(await sent(page)).toEqual([DRAFTS.warn]);
    await typeDraft(page, DRAFTS.block);
    await page.locator('#send').click();
    expect(await dialogAction(page, 'proceed').isDisabled()).toBe(true);
    await dialogAction(page, 'justification').fill('主管批准，工单 #4411。');
    await dialogAction(page, 'proceed').click();
    await settle(page);
    expect(await sent(page)).toEqual([DRAFTS.warn, DRAFTS.block]);
    const justified = (await audits()).filter((a) => a.action === 'override_justified');
    expect(justified.map((a) => a.justification)).toEqual(['客户要求书面通知，已核实。', '主管批准，工单 #4411。']);
    await env.launched.serviceWorker.evaluate(([key]) => (globalThis as any).chrome.storage.local.remove(key), [LOCAL_POLICY_KEY]);
  });

  it('blocks, fixes and false-positive reports reach the background as audit events', async () => {
    await openLab(env, 'quill');
    await typeDraft(page, DRAFTS.block);
    await page.keyboard.press('Enter');
    await dialogAction(page, 'report').click();
    await dialogAction(page, 'apply-fix').click();
    await expect.poll(() => editorText(page)).toBe(DRAFTS.blockFixed);
    const events = await audits();
    const blocked = events.filter((e) => e.action === 'blocked' && e.draft === DRAFTS.block);
    expect(blocked.length).toBeGreaterThan(0);
    expect(events.some((e) => e.action === 'false_positive_reported' && e.disputedRule === 'e2e.threat')).toBe(true);
    expect(events.some((e) => e.action === 'fix_applied' && e.sentText === DRAFTS.blockFixed)).toBe(true);
  });

  it('the badge sets the recipient; the console’s own header wins where configured; the popup shows it all', async () => {
    await openLab(env, 'textarea');
    await typeDraft(page, DRAFTS.clean);
    await page.locator('draftguard-ui [data-dg-badge]').click();
    await page.locator('draftguard-ui [data-dg-recipient="third_party"]').check();
    const tabId = await env.launched.serviceWorker.evaluate(async (origin) => (await (globalThis as any).chrome.tabs.query({ url: `${origin}/*` }))[0].id, env.origin);
    const popup = await env.launched.context.newPage();
    await popup.goto(`chrome-extension://${env.launched.extensionId}/popup.html?tab=${tabId}`);
    await expect.poll(() => popup.locator('[data-dg-status]').getAttribute('data-dg-status')).toBe('active');
    expect(await popup.locator('[data-dg-popup-recipient]').inputValue()).toBe('third_party');
    expect(await popup.locator('[data-dg-packs]').innerText()).toContain('e2e v7');
    expect(Number(await popup.locator('[data-dg-count="blocked"]').innerText())).toBeGreaterThan(0);
    // The popup changes it back for this conversation; the page's badge follows.
    await popup.locator('[data-dg-popup-recipient]').selectOption('debtor');
    await expect.poll(() => page.locator('draftguard-ui [data-dg-badge]').getAttribute('aria-label')).toContain('债务人');
    await popup.close();
  });
});
