/**
 * Composer guard over the editor matrix × send paths, on the built extension. Each editor is a real library
 * from npm wired as consoles wire it (the page's send reads the editor's own state). The negative control is
 * guard-off.e2e.ts: the same drafts reach the same handlers when the extension is not loaded.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { EDITOR_KINDS } from '../demo/consoles/kinds';
import { DRAFTS } from './guard-pack';
import { COMPOSER, dialog, dialogAction, editorText, openLab, resetLab, sent, settle, startGuardEnv, typeDraft, underlined, type GuardEnv } from './guard-helpers';

let env: GuardEnv;
beforeAll(async () => {
  env = await startGuardEnv();
});
afterAll(async () => {
  await env?.close();
});

const clickSend = () => env.page.locator('#send').click();

describe.each(EDITOR_KINDS)('%s composer', (kind) => {
  // One page per editor; each case starts from an empty composer (resetLab) instead of a reload.
  let page: Page;
  beforeAll(async () => {
    page = await openLab(env, kind);
  });
  beforeEach(async () => {
    await resetLab(page);
  });

  it('Enter on a violating draft: nothing reaches the page, the draft stays, the dialog lists the finding', async () => {
    await typeDraft(page, DRAFTS.block);
    await page.keyboard.press('Enter');
    await settle(page);
    await expect.poll(() => dialog(page).getAttribute('data-dg-dialog')).toBe('block');
    expect(await page.locator('draftguard-ui [data-dg-finding="e2e.threat"]').count()).toBe(1);
    expect(await sent(page)).toEqual([]);
    expect(await editorText(page)).toBe(DRAFTS.block);
  });

  it('NumpadEnter and the send control are guarded too', async () => {
    await typeDraft(page, DRAFTS.block);
    await page.keyboard.press('NumpadEnter');
    await settle(page);
    expect(await dialog(page).count()).toBe(1);
    await dialogAction(page, 'back').click();
    await expect.poll(() => dialog(page).count()).toBe(0);
    await clickSend();
    await settle(page);
    expect(await dialog(page).count()).toBe(1);
    expect(await sent(page)).toEqual([]);
    expect(await editorText(page)).toBe(DRAFTS.block);
  });

  it('a clean draft reaches the page unchanged, exactly once, by Enter and by the control', async () => {
    await typeDraft(page, DRAFTS.clean);
    await page.keyboard.press('Enter');
    await settle(page);
    expect(await sent(page)).toEqual([DRAFTS.clean]);
    await page.locator(COMPOSER).first().click();
    await typeDraft(page, DRAFTS.clean + '2');
    await clickSend();
    await settle(page);
    expect(await sent(page)).toEqual([DRAFTS.clean, DRAFTS.clean + '2']);
    expect(await dialog(page).count()).toBe(0);
  });

  it('underlines cover exactly the flagged characters', async () => {
    await typeDraft(page, DRAFTS.block);
    await expect.poll(() => underlined(page, 'block')).toEqual(['收拾你']);
    expect(await page.locator('draftguard-ui [data-dg-badge="block"]').count()).toBe(1);
  });

  it('apply fix updates the editor itself: the page then sends the fixed text', async () => {
    await typeDraft(page, DRAFTS.block);
    await page.keyboard.press('Enter');
    await dialogAction(page, 'apply-fix').click();
    await expect.poll(() => editorText(page)).toBe(DRAFTS.blockFixed);
    await expect.poll(() => dialogAction(page, 'send-now').count()).toBe(1);
    await dialogAction(page, 'back').click();
    await page.keyboard.press('Enter');
    await settle(page);
    expect(await sent(page)).toEqual([DRAFTS.blockFixed]);
  });

  it('warn: acknowledged, then the original send is replayed exactly once', async () => {
    await typeDraft(page, DRAFTS.warn);
    await clickSend();
    await expect.poll(() => dialog(page).getAttribute('data-dg-dialog')).toBe('warn');
    expect(await sent(page)).toEqual([]);
    expect(await dialogAction(page, 'proceed').isDisabled()).toBe(true);
    await dialogAction(page, 'acknowledge').check();
    await dialogAction(page, 'proceed').click();
    await settle(page);
    await settle(page);
    expect(await sent(page)).toEqual([DRAFTS.warn]);
    expect(await dialog(page).count()).toBe(0);
  });
});
