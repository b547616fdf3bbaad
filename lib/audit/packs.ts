/** Which packs (id, version) are in force: the verified ones in storage, else the ones bundled at build time. */
import type { CompiledPack } from '../../rules/engine/schema';

const bundledModules = import.meta.glob('../../rules/packs/dist/*.json', { eager: true, import: 'default' }) as Record<string, unknown>;

/** Packs built into the extension (rules/packs/dist/*.json; index.json and missing packs are skipped). */
export const BUNDLED_PACKS: CompiledPack[] = Object.values(bundledModules).filter(
  (m): m is CompiledPack => !!m && typeof m === 'object' && 'pack' in m && 'rules' in m,
);

export function packVersions(active: unknown): { id: string; version: number }[] {
  const list = Array.isArray(active) && active.length > 0 ? (active as CompiledPack[]) : BUNDLED_PACKS;
  return list
    .filter((p) => p && p.pack && typeof p.pack.id === 'string')
    .map((p) => ({ id: p.pack.id, version: Number(p.pack.version) || 0 }));
}
