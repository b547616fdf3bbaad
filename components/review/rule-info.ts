/** Message and legal source of a rule, looked up in the packs in force (storage) or the bundled ones. */
import { browser } from 'wxt/browser';
import type { CompiledPack } from '../../rules/engine/schema';
import type { LocalizedText } from '../../rules/engine/types';
import { ACTIVE_PACKS_KEY } from '../../lib/packs/storage-keys';

export interface RuleInfo {
  message: LocalizedText;
  source: string;
  pack: string;
  version: number;
}

function index(packs: CompiledPack[]): Map<string, RuleInfo> {
  const map = new Map<string, RuleInfo>();
  for (const p of packs) for (const r of p.rules ?? []) map.set(r.id, { message: r.message, source: r.source, pack: p.pack.id, version: p.pack.version });
  return map;
}

/** Loaded after the queue is on screen: the bundled packs are a few hundred kB the table does not need. */
export async function loadRuleInfo(): Promise<Map<string, RuleInfo>> {
  const { BUNDLED_PACKS } = await import('../../lib/audit/packs');
  const map = index(BUNDLED_PACKS);
  try {
    const active = (await browser.storage.local.get(ACTIVE_PACKS_KEY))[ACTIVE_PACKS_KEY];
    if (Array.isArray(active)) for (const [id, info] of index(active as CompiledPack[])) map.set(id, info);
  } catch {
    // Storage unavailable: the bundled packs still describe most rules.
  }
  return map;
}
