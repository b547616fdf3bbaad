/**
 * Admin part of the service worker: publishes the effective policy, keeps the pack-refresh alarm at the
 * policy's interval, and runs pack updates on install/start-up, on the alarm, on policy changes and on
 * demand (message PACKS_REFRESH_MESSAGE from the options page or popup). Listeners are registered
 * synchronously, as MV3 requires.
 */
import { browser } from 'wxt/browser';
import { BUNDLED_PACKS } from '../packs/bundled';
import type { PackStatus } from '../packs/status';
import { AGENT_ID_KEY, LOCAL_POLICY_KEY, PACK_STATUS_KEY } from '../packs/storage-keys';
import { createPackUpdater } from '../packs/updater';
import { resolveAgentId } from './agent';
import { PACKS_REFRESH_MESSAGE } from './messages';
import { publishEffectivePolicy } from './store';

export const PACK_REFRESH_ALARM = 'draftguard:packRefresh';

export function registerAdmin(): void {
  const updater = createPackUpdater({
    bundled: BUNDLED_PACKS,
    policy: async () => (await publishEffectivePolicy()).policy,
    agentId: async (policy) => (await resolveAgentId(policy)).id,
  });

  const ensureAlarm = async () => {
    const { policy } = await publishEffectivePolicy();
    const existing = await browser.alarms.get(PACK_REFRESH_ALARM);
    if (existing?.periodInMinutes !== policy.refreshMinutes)
      await browser.alarms.create(PACK_REFRESH_ALARM, { periodInMinutes: policy.refreshMinutes, delayInMinutes: policy.refreshMinutes });
    return policy;
  };
  const log = (what: string) => (e: unknown) => console.warn(`draftguard admin: ${what} failed`, e);
  const refresh = (force = false) => updater.refresh({ force }).catch(log('pack refresh'));

  browser.runtime.onInstalled.addListener(() => void refresh(true));
  browser.runtime.onStartup.addListener(() => void refresh());
  browser.alarms.onAlarm.addListener((alarm) => {
    if (alarm.name === PACK_REFRESH_ALARM) void refresh();
  });
  browser.storage.onChanged.addListener((changes, area) => {
    const policyChanged = area === 'managed' || (area === 'local' && (LOCAL_POLICY_KEY in changes || AGENT_ID_KEY in changes));
    if (policyChanged) void ensureAlarm().then(() => refresh(true), log('policy update'));
  });
  browser.runtime.onMessage.addListener((message: unknown) => {
    if ((message as { type?: string } | null)?.type !== PACKS_REFRESH_MESSAGE) return undefined;
    return updater.refresh({ force: true }) as Promise<PackStatus>;
  });

  // Every worker start: cheap local work only, plus a network check when the last one is overdue
  // (covers a lost alarm; a worker wakes often and must not fetch on every wake).
  void ensureAlarm()
    .then(async (policy) => {
      await updater.rebuild();
      const status = (await browser.storage.local.get(PACK_STATUS_KEY))[PACK_STATUS_KEY] as PackStatus | undefined;
      const checks = (status?.sources ?? []).map((s) => Date.parse(s.lastCheck ?? '') || 0);
      const oldest = checks.length ? Math.min(...checks) : Date.now();
      if (Date.now() - oldest > policy.refreshMinutes * 60000) await refresh();
    })
    .catch(log('start-up'));
}
