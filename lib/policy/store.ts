/**
 * Reads the policy sources and publishes the effective policy. Only the background writes
 * EFFECTIVE_POLICY_KEY / POLICY_META_KEY; every page and content script reads them.
 */
import { browser } from 'wxt/browser';
import { EFFECTIVE_POLICY_KEY, LOCAL_POLICY_KEY, POLICY_META_KEY } from '../packs/storage-keys';
import { toGuardView, type GuardView } from './guard-view';
import { mergePolicy, type EffectivePolicy } from './merge';
import { DEFAULT_POLICY, type Policy } from './schema';

export type PolicyMeta = Omit<EffectivePolicy, 'policy'> & { managedAvailable: boolean };
/** What EFFECTIVE_POLICY_KEY holds: the policy plus the guard's reading of it (lib/guard/policy.ts). */
export type PublishedPolicy = Policy & { guard: GuardView };

/** storage.managed; Firefox throws when no policies.json entry exists, Chrome returns {} — both mean "none". */
export async function readManagedPolicy(): Promise<{ value: Record<string, unknown>; available: boolean }> {
  try {
    const value = (await browser.storage.managed.get()) as Record<string, unknown>;
    return { value: value ?? {}, available: true };
  } catch {
    return { value: {}, available: false };
  }
}

export async function readLocalPolicy(): Promise<unknown> {
  return (await browser.storage.local.get(LOCAL_POLICY_KEY))[LOCAL_POLICY_KEY];
}

/** Recomputes the effective policy and stores it (only when it changed, so listeners are not woken for nothing). */
export async function publishEffectivePolicy(): Promise<EffectivePolicy> {
  const managed = await readManagedPolicy();
  const effective = mergePolicy(managed.value, await readLocalPolicy());
  const { policy: merged, ...rest } = effective;
  const policy: PublishedPolicy = { ...merged, guard: toGuardView(merged) };
  const meta: PolicyMeta = { ...rest, managedAvailable: managed.available };
  const stored = await browser.storage.local.get([EFFECTIVE_POLICY_KEY, POLICY_META_KEY]);
  const update: Record<string, unknown> = {};
  if (JSON.stringify(stored[EFFECTIVE_POLICY_KEY]) !== JSON.stringify(policy)) update[EFFECTIVE_POLICY_KEY] = policy;
  const { computedAt: _a, ...metaCore } = meta;
  const { computedAt: _b, ...storedCore } = (stored[POLICY_META_KEY] ?? {}) as PolicyMeta;
  if (JSON.stringify(storedCore) !== JSON.stringify(metaCore)) update[POLICY_META_KEY] = meta;
  if (Object.keys(update).length) await browser.storage.local.set(update);
  return effective;
}

/** For UIs: the effective policy as last published by the background (defaults before the first run). */
export async function loadPublishedPolicy(): Promise<{ policy: Policy; meta: PolicyMeta | null }> {
  const stored = await browser.storage.local.get([EFFECTIVE_POLICY_KEY, POLICY_META_KEY]);
  const published = stored[EFFECTIVE_POLICY_KEY] as PublishedPolicy | undefined;
  const policy: Policy = published ? (({ guard: _guard, ...rest }) => rest)(published) : DEFAULT_POLICY;
  return { policy, meta: (stored[POLICY_META_KEY] as PolicyMeta | undefined) ?? null };
}
