/**
 * Node-only: the `draftguard pack keygen | build | sign | verify` subcommands (wired in rules/cli/pack-command.ts).
 * Exit codes: 0 success, 1 refused (bad bundle, failing examples), 64 usage, 66 unreadable input, 73 cannot create.
 */
import { existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { buildPackDir, PackSourceError } from '../../rules/build/pack-build';
import { parseArgs, stringFlag } from '../../rules/cli/args';
import { createEngine, PackCompileError, runRuleExamples } from '../../rules';
import { makeBundle, serializeBundle, signBundle, vetBundle, BUNDLE_FORMAT, type PackBundle } from './bundle';
import { generateSigningKey, type PrivateKeyFile, type PublicKeyFile, type SignatureAlg } from './signature';

const out = (s: string) => process.stdout.write(s + '\n');
const err = (s: string) => process.stderr.write(s + '\n');

function readJson(path: string, what: string): unknown {
  if (!existsSync(path)) throw new UsageError(66, `${what} not found: ${path}`);
  try {
    return JSON.parse(readFileSync(path, 'utf8'));
  } catch (e) {
    throw new UsageError(66, `${what} is not JSON (${path}): ${(e as Error).message}`);
  }
}

function refuse(message: string): number {
  err(`REFUSED: ${message}`);
  return 1;
}

class UsageError extends Error {
  constructor(
    readonly code: number,
    message: string,
  ) {
    super(message);
  }
}

function guard(run: () => Promise<number>): Promise<number> {
  return run().catch((e) => {
    if (e instanceof UsageError) {
      err(`draftguard pack: ${e.message}`);
      return e.code;
    }
    throw e;
  });
}

export function runPackKeygen(args: string[]): Promise<number> {
  return guard(async () => {
    const { flags } = parseArgs(args);
    const dir = stringFlag(flags, 'out');
    if (!dir) throw new UsageError(64, 'usage: pack keygen --out DIR [--alg ECDSA-P256|Ed25519]');
    const alg = (stringFlag(flags, 'alg') ?? 'ECDSA-P256') as SignatureAlg;
    if (alg !== 'ECDSA-P256' && alg !== 'Ed25519') throw new UsageError(64, `unknown --alg ${alg}`);
    mkdirSync(dir, { recursive: true, mode: 0o700 });
    const { privateKey, publicKey } = await generateSigningKey(alg);
    const privatePath = join(dir, `${privateKey.keyId}.key.json`);
    const publicPath = join(dir, `${publicKey.keyId}.pub.json`);
    if (existsSync(privatePath)) throw new UsageError(73, `refusing to overwrite ${privatePath}`);
    writeFileSync(privatePath, JSON.stringify(privateKey, null, 2) + '\n', { mode: 0o600 });
    writeFileSync(publicPath, JSON.stringify(publicKey, null, 2) + '\n');
    out(`key ${publicKey.keyId} (${alg})`);
    out(`private: ${privatePath}   keep it out of version control and off agents' machines`);
    out(`public:  ${publicPath}`);
    out(`policy packs.trustedKeys entry: ${JSON.stringify({ id: publicKey.keyId, alg, publicKey: publicKey.publicKey })}`);
    return 0;
  });
}

export function runPackBuild(args: string[]): Promise<number> {
  return guard(async () => {
    const { flags, positional } = parseArgs(args);
    const [packDir] = positional;
    const file = stringFlag(flags, 'out');
    if (!packDir || !file) throw new UsageError(64, 'usage: pack build PACKDIR --out FILE [--valid-days N] [--version N] [--rollout PCT]');
    if (!existsSync(packDir) || !statSync(packDir).isDirectory()) throw new UsageError(66, `not a directory: ${packDir}`);
    let pack;
    try {
      pack = buildPackDir(resolve(packDir));
    } catch (e) {
      if (e instanceof PackSourceError) return refuse(e.message);
      throw e;
    }
    const version = stringFlag(flags, 'version');
    if (version !== undefined) {
      if (!/^\d+$/.test(version) || Number(version) < 1) throw new UsageError(64, '--version must be a positive integer');
      pack.pack.version = Number(version);
    }
    const rollout = stringFlag(flags, 'rollout');
    if (rollout !== undefined) {
      const pct = Number(rollout);
      if (!(pct >= 0 && pct <= 100)) throw new UsageError(64, '--rollout must be a percentage 0..100');
      pack.pack.rollout = pct;
    }
    const validDays = Number(stringFlag(flags, 'valid-days') ?? 90);
    if (!(validDays > 0)) throw new UsageError(64, '--valid-days must be positive');
    let engine;
    try {
      engine = createEngine([pack]); // unknown lexicons, ReDoS-prone regexes, duplicate ids throw here
    } catch (e) {
      if (e instanceof PackCompileError) return refuse(e.message);
      throw e;
    }
    const { total, failures } = runRuleExamples(engine);
    if (failures.length) {
      for (const f of failures) err(`${f.rule} ${f.kind} "${f.text}": ${f.problem}`);
      err(`${failures.length} of ${total} examples fail: not building ${file}`);
      return 1;
    }
    const bundle = makeBundle(pack, { validDays });
    mkdirSync(dirname(resolve(file)), { recursive: true });
    writeFileSync(file, serializeBundle(bundle));
    out(`built ${pack.pack.id}@${pack.pack.version} (${pack.rules.length} rules, ${total} examples pass), valid until ${bundle.body.pack.expiresAt} -> ${file} (unsigned)`);
    return 0;
  });
}

export function runPackSign(args: string[]): Promise<number> {
  return guard(async () => {
    const { flags, positional } = parseArgs(args);
    const [file] = positional;
    const keyPath = stringFlag(flags, 'key');
    if (!file || !keyPath) throw new UsageError(64, 'usage: pack sign FILE --key KEY [--out FILE]');
    const bundle = readJson(file, 'bundle') as PackBundle;
    if (bundle?.body?.format !== BUNDLE_FORMAT) throw new UsageError(66, `${file} is not a ${BUNDLE_FORMAT} bundle (build it with "pack build")`);
    const key = readJson(keyPath, 'key') as PrivateKeyFile;
    if (key?.kind !== 'draftguard-private-key') throw new UsageError(66, `${keyPath} is not a private key from "pack keygen"`);
    const signed = await signBundle(bundle, key);
    const target = stringFlag(flags, 'out') ?? file;
    writeFileSync(target, serializeBundle(signed));
    out(`signed ${bundle.body.pack.pack.id}@${bundle.body.pack.pack.version} with key ${key.keyId} -> ${target}`);
    return 0;
  });
}

export function runPackVerify(args: string[]): Promise<number> {
  return guard(async () => {
    const { flags, positional } = parseArgs(args);
    const [file] = positional;
    const pubPath = stringFlag(flags, 'pub');
    if (!file || !pubPath) throw new UsageError(64, 'usage: pack verify FILE --pub PUB [--min-version N]');
    if (!existsSync(file)) throw new UsageError(66, `bundle not found: ${file}`);
    const pub = readJson(pubPath, 'public key') as PublicKeyFile;
    if (pub?.kind !== 'draftguard-public-key') throw new UsageError(66, `${pubPath} is not a public key from "pack keygen"`);
    const minVersion = stringFlag(flags, 'min-version');
    const result = await vetBundle(readFileSync(file, 'utf8'), {
      trustedKeys: [{ id: pub.keyId, alg: pub.alg, publicKey: pub.publicKey }],
      active: minVersion ? { version: Number(minVersion) } : undefined,
    });
    if (!result.ok) {
      err(`REJECTED (${result.code}): ${result.message}`);
      return 1;
    }
    const p = result.pack;
    out(`OK ${p.pack.id}@${p.pack.version} signed by ${result.keyId}, issued ${p.issuedAt}, expires ${p.expiresAt}, ${p.rules.length} rules, sha256 ${result.sha256}`);
    return 0;
  });
}
