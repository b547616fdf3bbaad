/**
 * Negative control for the composer guard: the same browser, pages and drafts without the extension. The
 * violating draft IS delivered by every editor and send path, so the guard's blocks in guard.e2e.ts and
 * guard-cases.e2e.ts are the extension's doing, not the lab's.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EDITOR_KINDS } from '../demo/consoles/kinds';
import { DRAFTS } from './guard-pack';
import { dialog, openLab, resetLab, sent, settle, startGuardEnv, typeDraft, underlined, type GuardEnv } from './guard-helpers';

let env: GuardEnv;
beforeAll(async () => {
  env = await startGuardEnv({ extension: false });
});
afterAll(async () => {
  await env?.close();
});

describe.each(EDITOR_KINDS)('guard off, %s composer', (kind) => {
  let page: Page;
  beforeAll(async () => {
    page = await openLab(env, kind);
  });

  it('the violating draft is delivered by Enter and by the send control, with no dialog or underline', async () => {
    await typeDraft(page, DRAFTS.block);
    expect(await underlined(page, 'block')).toEqual([]);
    await page.keyboard.press('Enter');
    await settle(page);
    expect(await sent(page)).toEqual([DRAFTS.block]);
    await resetLab(page);
    await typeDraft(page, DRAFTS.block);
    await page.locator('#send').click();
    await settle(page);
    expect(await sent(page)).toEqual([DRAFTS.block]);
    expect(await dialog(page).count()).toBe(0);
  });
});

describe('guard off, other send paths', () => {
  it('NumpadEnter, a held Enter (once, by the page itself) and a press-sending console all deliver the violating draft', async () => {
    const page = await openLab(env, 'textarea');
    await typeDraft(page, DRAFTS.block);
    await page.keyboard.press('NumpadEnter');
    await settle(page);
    expect(await sent(page)).toEqual([DRAFTS.block]);
    await openLab(env, 'generic', { sendOn: 'pointerdown' });
    await typeDraft(page, DRAFTS.block);
    await page.locator('#send').click();
    await settle(page);
    expect(await sent(page)).toEqual([DRAFTS.block]);
  });

  it('a late, a shadow-root and an iframe composer deliver the violating draft', async () => {
    const page = await openLab(env, 'quill', { late: '1' });
    await page.evaluate(() => (window as any).__lab.mount());
    await page.locator('.composer-input').click();
    await typeDraft(page, DRAFTS.block);
    await page.keyboard.press('Enter');
    await settle(page);
    expect(await sent(page)).toEqual([DRAFTS.block]);
    await openLab(env, 'textarea', { shadow: '1' });
    await typeDraft(page, DRAFTS.block);
    await page.locator('#send').click();
    await settle(page);
    expect(await sent(page)).toEqual([DRAFTS.block]);
    await page.goto(`${env.origin}/frame.html`);
    await page.frameLocator('#inner').locator('#composer').click();
    await page.keyboard.insertText(DRAFTS.block);
    await page.keyboard.press('Enter');
    const inner = page.frames().find((f) => f.url().includes('lab.html'))!;
    await expect.poll(() => inner.evaluate(() => (window as any).__lab.sent.length)).toBe(1);
  });
});
