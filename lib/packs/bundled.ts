/**
 * The rule packs in force in this context: the packs bundled at build time (rules/packs/dist/*.json, built by
 * `npm run packs`), replaced by ACTIVE_PACKS_KEY in browser.storage.local when the background has stored a
 * verified set, and live-updated through storage.onChanged.
 */
import { browser } from 'wxt/browser';
import type { CompiledPack } from '../../rules';
import { ACTIVE_PACKS_KEY } from './storage-keys';

// A glob rather than static imports: a pack that has not been written yet (e.g. us) must not break the build.
const distModules = import.meta.glob<{ default: unknown }>('../../rules/packs/dist/*.json', { eager: true });

/** Cheap structural check: the background verified the packs; this only guards against a foreign value. */
export function looksLikePacks(value: unknown): value is CompiledPack[] {
  return (
    Array.isArray(value) &&
    value.length > 0 &&
    value.every((p) => !!p && typeof p === 'object' && (p as CompiledPack).format === 1 && Array.isArray((p as CompiledPack).rules) && !!(p as CompiledPack).pack?.id)
  );
}

export const BUNDLED_PACKS: CompiledPack[] = Object.entries(distModules)
  .filter(([path]) => !path.endsWith('/index.json'))
  .map(([, mod]) => mod.default)
  .filter((p): p is CompiledPack => looksLikePacks([p]))
  .sort((a, b) => a.pack.id.localeCompare(b.pack.id));

export interface PacksInForce {
  packs: CompiledPack[];
  origin: 'bundled' | 'storage';
}

export async function loadPacks(): Promise<PacksInForce> {
  try {
    const stored = (await browser.storage.local.get(ACTIVE_PACKS_KEY))[ACTIVE_PACKS_KEY];
    if (looksLikePacks(stored)) return { packs: stored, origin: 'storage' };
  } catch {
    // Storage unavailable (context invalidated): the bundled packs still guard.
  }
  return { packs: BUNDLED_PACKS, origin: 'bundled' };
}

/** Calls `onChange` whenever the stored set changes; a removed key falls back to the bundled packs. */
export function watchPacks(onChange: (packs: PacksInForce) => void): () => void {
  const listener = (changes: Record<string, { newValue?: unknown }>, area: string) => {
    if (area !== 'local' || !(ACTIVE_PACKS_KEY in changes)) return;
    const next = changes[ACTIVE_PACKS_KEY]!.newValue;
    onChange(looksLikePacks(next) ? { packs: next, origin: 'storage' } : { packs: BUNDLED_PACKS, origin: 'bundled' });
  };
  browser.storage.onChanged.addListener(listener);
  return () => browser.storage.onChanged.removeListener(listener);
}

/** "cn v3, us v1" — for the popup and audit context. */
export function describePacks(packs: CompiledPack[]): string {
  return packs.map((p) => `${p.pack.id} v${p.pack.version}`).join(', ');
}
