/** Node-only: the default packs, built from their YAML sources in rules/packs/<id>/. */
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { compiledPackSchema, type CompiledPack } from '../engine/schema';
import { buildPackDir } from './pack-build';

const HERE = dirname(fileURLToPath(import.meta.url));
export const PACKS_DIR = join(HERE, '..', 'packs');
export const DIST_DIR = join(PACKS_DIR, 'dist');

export function defaultPackDirs(): string[] {
  return readdirSync(PACKS_DIR)
    .filter((d) => d !== 'dist' && statSync(join(PACKS_DIR, d)).isDirectory() && existsSync(join(PACKS_DIR, d, 'pack.yaml')))
    .sort()
    .map((d) => join(PACKS_DIR, d));
}

export function buildDefaultPacks(): CompiledPack[] {
  return defaultPackDirs().map(buildPackDir);
}

/** Newest modification time among a pack's sources and the build code that turns them into JSON. */
function sourcesTime(dir: string): number {
  const files = readdirSync(dir).map((f) => join(dir, f));
  files.push(join(HERE, 'pack-build.ts'), join(HERE, '..', 'engine', 'schema.ts'), join(HERE, '..', 'engine', 'normalize', 'fold.ts'));
  return Math.max(...files.filter(existsSync).map((f) => statSync(f).mtimeMs));
}

/**
 * The default packs for the CLI: the compiled JSON in rules/packs/dist when it is newer than its sources,
 * otherwise built from YAML (deriving the pinyin tables takes seconds on a busy machine) and cached there.
 */
export function loadDefaultPacks(): CompiledPack[] {
  return defaultPackDirs().map((dir) => {
    const cached = join(DIST_DIR, `${basename(dir)}.json`);
    if (existsSync(cached) && statSync(cached).mtimeMs >= sourcesTime(dir)) {
      const parsed = compiledPackSchema.safeParse(JSON.parse(readFileSync(cached, 'utf8')));
      if (parsed.success) return parsed.data;
    }
    const pack = buildPackDir(dir);
    mkdirSync(DIST_DIR, { recursive: true });
    writeFileSync(cached, JSON.stringify(pack));
    return pack;
  });
}
