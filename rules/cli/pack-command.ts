import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { buildDefaultPacks, PACKS_DIR } from '../build/default-packs';
import { createEngine } from '../engine/check';
import { packFileSchema } from '../engine/schema';
import { runPackBuild, runPackKeygen, runPackSign, runPackVerify } from '../../lib/packs/pack-cli';

/** The JSON Schema of pack source files, for editor completion (yaml-language-server). */
export function packSourceJsonSchema(): object {
  return z.toJSONSchema(packFileSchema, { io: 'input' });
}

export async function runPackCommand(args: string[]): Promise<number> {
  const [sub] = args;
  if (sub === 'compile-defaults') {
    const packs = buildDefaultPacks();
    createEngine(packs); // compile once more as the extension will: unknown lexicons, ReDoS, duplicates fail here
    const out = join(PACKS_DIR, 'dist');
    mkdirSync(out, { recursive: true });
    for (const p of packs) writeFileSync(join(out, `${p.pack.id}.json`), JSON.stringify(p));
    writeFileSync(join(out, 'index.json'), JSON.stringify(packs.map((p) => p.pack.id)));
    const schemaDir = join(PACKS_DIR, '..', 'schema');
    mkdirSync(schemaDir, { recursive: true });
    writeFileSync(join(schemaDir, 'pack-source.schema.json'), JSON.stringify(packSourceJsonSchema(), null, 2) + '\n');
    process.stdout.write(`compiled ${packs.map((p) => `${p.pack.id}@${p.pack.version} (${p.rules.length} rules)`).join(', ')} -> ${out}\n`);
    return 0;
  }
  if (sub === 'keygen') return runPackKeygen(args.slice(1));
  if (sub === 'build') return runPackBuild(args.slice(1));
  if (sub === 'sign') return runPackSign(args.slice(1));
  if (sub === 'verify') return runPackVerify(args.slice(1));
  process.stderr.write(`unknown pack subcommand "${sub ?? ''}"\n`);
  return 64;
}
