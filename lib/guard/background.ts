/**
 * The composer guard's part of the service worker: today's counts for the popup (one writer, so tabs cannot
 * race), content scripts for sites the policy adds beyond the manifest's defaults, and re-injection into tabs
 * that were open before install or update (Chrome leaves those unguarded until reloaded).
 */
import { browser } from 'wxt/browser';
import { EFFECTIVE_POLICY_KEY } from '../packs/storage-keys';
import { bump, COUNT_KINDS, COUNT_MESSAGE, GUARD_COUNTS_KEY, type CountKind, type DailyCounts } from './counts';
import { DEFAULT_MATCHES } from './defaults';
import { resolvePolicy } from './policy';

const CONTENT_SCRIPT = '/content-scripts/content.js' as const;
const POLICY_SCRIPT_ID = 'draftguard-policy-sites';

let countQueue: Promise<unknown> = Promise.resolve();

function addCount(kind: CountKind): void {
  countQueue = countQueue
    .then(async () => {
      const stored = (await browser.storage.local.get(GUARD_COUNTS_KEY))[GUARD_COUNTS_KEY] as DailyCounts | undefined;
      await browser.storage.local.set({ [GUARD_COUNTS_KEY]: bump(stored, kind, new Date()) });
    })
    .catch(() => undefined);
}

/** Patterns the policy lists that the manifest does not already cover. */
export function extraPatterns(policyValue: unknown): string[] {
  const defaults = new Set(DEFAULT_MATCHES);
  return [...new Set(resolvePolicy(policyValue).sites.map((s) => s.pattern))].filter((p) => !defaults.has(p));
}

async function syncPolicySites(policyValue: unknown): Promise<void> {
  const scripting = browser.scripting;
  if (!scripting?.registerContentScripts) return;
  const matches = extraPatterns(policyValue);
  const existing = await scripting.getRegisteredContentScripts({ ids: [POLICY_SCRIPT_ID] }).catch(() => []);
  if (existing.length) await scripting.unregisterContentScripts({ ids: [POLICY_SCRIPT_ID] }).catch(() => undefined);
  if (!matches.length) return;
  await scripting
    .registerContentScripts([{ id: POLICY_SCRIPT_ID, matches, js: [CONTENT_SCRIPT], runAt: 'document_start', allFrames: true, persistAcrossSessions: true }])
    .catch((e: unknown) => console.warn('[draftguard] could not register policy sites', e));
}

async function reinjectOpenTabs(): Promise<void> {
  const policyValue = (await browser.storage.local.get(EFFECTIVE_POLICY_KEY))[EFFECTIVE_POLICY_KEY];
  const patterns = [...DEFAULT_MATCHES, ...extraPatterns(policyValue)];
  const tabs = await browser.tabs.query({ url: patterns }).catch(() => []);
  for (const tab of tabs) {
    if (tab.id === undefined || tab.discarded) continue;
    await browser.scripting.executeScript({ target: { tabId: tab.id, allFrames: true }, files: [CONTENT_SCRIPT] }).catch(() => undefined);
  }
}

export function registerGuard(): void {
  browser.runtime.onMessage.addListener((message: unknown) => {
    const m = message as { type?: string; kind?: unknown } | null;
    if (m?.type === COUNT_MESSAGE && (COUNT_KINDS as readonly unknown[]).includes(m.kind)) addCount(m.kind as CountKind);
    // Audit events (lib/audit/types.ts) are stored by the QA part; they also drive nothing here: counts come
    // from the guard's own count messages, so a missing audit store never breaks the popup.
    return undefined;
  });
  browser.runtime.onInstalled.addListener(() => void reinjectOpenTabs());
  browser.storage.onChanged.addListener((changes, area) => {
    if (area === 'local' && EFFECTIVE_POLICY_KEY in changes) void syncPolicySites(changes[EFFECTIVE_POLICY_KEY]!.newValue);
  });
  void browser.storage.local
    .get(EFFECTIVE_POLICY_KEY)
    .then((v) => syncPolicySites(v[EFFECTIVE_POLICY_KEY]))
    .catch(() => undefined);
}
