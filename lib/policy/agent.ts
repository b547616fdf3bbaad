/**
 * The agent id used for rollout bucketing (and by the audit part): from the managed policy, from what the
 * agent typed or the console page showed (stored under AGENT_ID_KEY by the options page or the content
 * script), or else a random id of this browser profile.
 */
import { browser } from 'wxt/browser';
import { AGENT_ID_KEY, INSTALL_ID_KEY } from '../packs/storage-keys';
import type { Policy } from './schema';

export async function installId(): Promise<string> {
  const stored = (await browser.storage.local.get(INSTALL_ID_KEY))[INSTALL_ID_KEY];
  if (typeof stored === 'string' && stored) return stored;
  const id = `install-${crypto.randomUUID()}`;
  await browser.storage.local.set({ [INSTALL_ID_KEY]: id });
  return id;
}

export async function resolveAgentId(policy: Policy): Promise<{ id: string; from: 'managed' | 'agent' | 'install' }> {
  const identity = policy.agentIdentity;
  if (identity.source === 'managed' && identity.agentId) return { id: identity.agentId, from: 'managed' };
  if (identity.source === 'prompt' || identity.source === 'page') {
    const typed = (await browser.storage.local.get(AGENT_ID_KEY))[AGENT_ID_KEY];
    if (typeof typed === 'string' && typed.trim()) return { id: typed.trim(), from: 'agent' };
  }
  return { id: await installId(), from: 'install' };
}
