/** Shared setup of the composer-guard e2e files: one browser per file, the console pages, the fixed test pack. */
import type { Server } from 'node:http';
import type { Page } from 'playwright-core';
import { buildConsoles, consoleRoutes } from '../demo/consoles/build';
import { launchBrowser, serve, type Launched } from './harness';
import { e2ePack } from './guard-pack';
import { ACTIVE_PACKS_KEY, PACK_STATUS_KEY } from '../../lib/packs/storage-keys';
import { UI_LOCALE_KEY } from '../../components/shared/i18n';

let built: Promise<string> | null = null;
/** Builds the console pages once per process (vitest runs e2e files in one worker, one after another). */
export function consolesBuilt(): Promise<string> {
  built ??= buildConsoles();
  return built;
}

export interface GuardEnv {
  launched: Launched;
  origin: string;
  server: Server;
  page: Page;
  close(): Promise<void>;
}

/** `bundledPacks`: guard with the real default packs (for speed figures) instead of the small e2e test pack. */
export async function startGuardEnv(options: { extension?: boolean; storage?: Record<string, unknown>; bundledPacks?: boolean } = {}): Promise<GuardEnv> {
  const dir = await consolesBuilt();
  const { origin, server } = await serve(consoleRoutes(dir));
  const launched = await launchBrowser({ extension: options.extension });
  if (options.extension !== false) {
    // The admin part publishes the packs in force once at start-up; write the test pack after that.
    await launched.serviceWorker.evaluate(async (key) => {
      for (let i = 0; i < 100 && !(await (globalThis as any).chrome.storage.local.get(key))[key]; i++) await new Promise((r) => setTimeout(r, 50));
    }, PACK_STATUS_KEY);
    const values = { ...(options.bundledPacks ? {} : { [ACTIVE_PACKS_KEY]: [e2ePack()] }), [UI_LOCALE_KEY]: 'zh-Hans', ...options.storage };
    await launched.serviceWorker.evaluate((v) => (globalThis as any).chrome.storage.local.set(v), values);
  }
  const page = launched.context.pages()[0] ?? (await launched.context.newPage());
  return {
    launched,
    origin,
    server,
    page,
    async close() {
      await launched.close();
      await new Promise((r) => server.close(r));
    },
  };
}

export const COMPOSER = '.composer-input, .public-DraftEditor-content';

/** Opens the lab console with one editor and focuses it. */
export async function openLab(env: GuardEnv, editor: string, params: Record<string, string> = {}, page = env.page): Promise<Page> {
  const q = new URLSearchParams({ editor, ...params });
  await page.goto(`${env.origin}/lab.html?${q}`);
  await page.waitForFunction(() => !!(window as any).__lab);
  if (!params.late) await page.locator(COMPOSER).first().click();
  return page;
}

/** Next case on the same page: close any dialog, empty the composer and the sent list, focus the composer. */
export async function resetLab(page: Page): Promise<void> {
  const back = dialogAction(page, 'back');
  if (await back.count()) await back.click();
  await page.evaluate(() => (window as any).__lab.reset());
  await settle(page);
  await page.locator(COMPOSER).first().click();
}

export async function typeDraft(page: Page, text: string): Promise<void> {
  await page.keyboard.insertText(text);
  // The guard checks within a frame; let two frames pass so underlines and badge are drawn.
  await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
}

export const sent = (page: Page) => page.evaluate(() => (window as any).__lab.sent.map((s: { text: string }) => s.text) as string[]);
export const editorText = (page: Page) => page.evaluate(() => (window as any).__lab.text() as string);
export const dialog = (page: Page) => page.locator('draftguard-ui [data-dg-dialog]');
export const dialogAction = (page: Page, action: string) => page.locator(`draftguard-ui [data-dg-dialog] [data-dg-action="${action}"]`).first();

/** A few frames and a task, so a send that would arrive late (replay, React) has arrived. */
export const settle = (page: Page) => page.evaluate(() => new Promise((r) => setTimeout(() => requestAnimationFrame(() => r(null)), 50)));

/** Text covered by the guard's underlines: CSS highlights (contenteditable) or overlay marks (fields). */
export function underlined(page: Page, severity: 'block' | 'warn') {
  return page.evaluate((sev) => {
    const reg = (CSS as any).highlights?.get(`draftguard-${sev}`);
    const fromHighlights = reg ? [...reg].map((r: Range) => r.toString()) : [];
    const host = document.querySelector('draftguard-ui');
    const marks = host?.shadowRoot ? [...host.shadowRoot.querySelectorAll(`mark.${sev}`)].map((m) => m.textContent ?? '') : [];
    return [...fromHighlights, ...marks];
  }, severity);
}
