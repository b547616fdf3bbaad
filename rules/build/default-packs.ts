/** Node-only: the default packs, built from their YAML sources in rules/packs/<id>/. */
import { existsSync, readdirSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { CompiledPack } from '../engine/schema';
import { buildPackDir } from './pack-build';

export const PACKS_DIR = join(dirname(fileURLToPath(import.meta.url)), '..', 'packs');

export function defaultPackDirs(): string[] {
  return readdirSync(PACKS_DIR)
    .filter((d) => d !== 'dist' && statSync(join(PACKS_DIR, d)).isDirectory() && existsSync(join(PACKS_DIR, d, 'pack.yaml')))
    .sort()
    .map((d) => join(PACKS_DIR, d));
}

export function buildDefaultPacks(): CompiledPack[] {
  return defaultPackDirs().map(buildPackDir);
}
