/**
 * A signed pack bundle, one JSON file:
 *   { "body": { "format": "draftguard-pack-bundle/1", "pack": <CompiledPack with issuedAt, expiresAt> },
 *     "signature": { "alg": "ECDSA-P256", "keyId": "…", "value": "<base64>" } }
 * The signature covers canonicalJson(body) and sits beside it (detached from the signed bytes). The file itself
 * must be exactly canonicalJson(bundle) plus an optional final newline, so any changed byte — even whitespace —
 * is refused.
 *
 * vetBundle() is the single gate a pack passes before it may become active, in the CLI and the background:
 * canonical form, trusted signature, schema, expected id, validity window, no downgrade, compiles (unknown
 * lexicons, ReDoS-prone regexes, duplicate ids), and its own rule examples.
 */
import { z } from 'zod';
import { compiledPackSchema, createEngine, PackCompileError, runRuleExamples, type CompiledPack } from '../../rules';
import { canonicalJson, sha256Hex, signCanonical, verifyCanonical, type PrivateKeyFile, type PublicKeyRef } from './signature';

export const BUNDLE_FORMAT = 'draftguard-pack-bundle/1';

const signatureSchema = z.object({ alg: z.enum(['ECDSA-P256', 'Ed25519']), keyId: z.string(), value: z.string().min(1) }).strict();
const bundleSchema = z
  .object({ body: z.object({ format: z.literal(BUNDLE_FORMAT), pack: z.unknown() }).strict(), signature: signatureSchema.optional() })
  .strict();
export interface PackBundle {
  body: { format: typeof BUNDLE_FORMAT; pack: CompiledPack };
  signature?: z.infer<typeof signatureSchema>;
}

export const REJECTION_CODES = [
  'not_json',
  'not_canonical',
  'bad_format',
  'unsigned',
  'untrusted_key',
  'bad_signature',
  'schema',
  'wrong_id',
  'no_validity',
  'not_yet_valid',
  'expired',
  'downgrade',
  'same_version_changed',
  'compile',
  'examples',
] as const;
export type RejectionCode = (typeof REJECTION_CODES)[number];

export type VetResult =
  | { ok: true; pack: CompiledPack; keyId: string; sha256: string }
  | { ok: false; code: RejectionCode; message: string; version?: number };

export interface VetContext {
  trustedKeys: readonly PublicKeyRef[];
  /** The pack id this source must deliver, when the policy pins it. */
  expectedId?: string;
  /** The version (and content hash) of the same pack id currently in force, for rollback protection. */
  active?: { version: number; sha256?: string };
  /** Other packs in force, compiled together with the candidate so cross-pack conflicts fail here. */
  others?: readonly CompiledPack[];
  now?: Date;
}

/** Allowed clock difference between the signer and the agent's machine for issuedAt. */
const CLOCK_SKEW_MS = 10 * 60 * 1000;

/** Wraps a compiled pack as an unsigned bundle, stamping issuedAt and expiresAt. */
export function makeBundle(pack: CompiledPack, options: { issuedAt?: Date; validDays?: number } = {}): PackBundle {
  const issuedAt = options.issuedAt ?? new Date();
  const expiresAt = new Date(issuedAt.getTime() + (options.validDays ?? 90) * 86400000);
  return { body: { format: BUNDLE_FORMAT, pack: { ...pack, issuedAt: issuedAt.toISOString(), expiresAt: expiresAt.toISOString() } } };
}

export async function signBundle(bundle: PackBundle, key: PrivateKeyFile): Promise<PackBundle> {
  return { body: bundle.body, signature: { alg: key.alg, keyId: key.keyId, value: await signCanonical(bundle.body, key) } };
}

export function serializeBundle(bundle: PackBundle): string {
  return canonicalJson(bundle) + '\n';
}

const reject = (code: RejectionCode, message: string, version?: number): VetResult => ({ ok: false, code, message, version });

export async function vetBundle(raw: string, context: VetContext): Promise<VetResult> {
  const now = context.now ?? new Date();
  let parsed: unknown;
  try {
    parsed = JSON.parse(raw);
  } catch (e) {
    return reject('not_json', `not JSON: ${(e as Error).message}`);
  }
  const envelope = bundleSchema.safeParse(parsed);
  if (!envelope.success) return reject('bad_format', `not a ${BUNDLE_FORMAT} bundle: ${envelope.error.issues[0]?.message ?? ''}`);
  const text = raw.endsWith('\n') ? raw.slice(0, -1) : raw;
  if (text !== canonicalJson(parsed)) return reject('not_canonical', 'the file differs from its canonical form (edited after signing?)');
  const { body, signature } = envelope.data;
  const claimedVersion = (body.pack as { pack?: { version?: unknown } })?.pack?.version;
  const version = typeof claimedVersion === 'number' ? claimedVersion : undefined;
  if (!signature) return reject('unsigned', 'the bundle has no signature', version);
  const key = context.trustedKeys.find((k) => k.id === signature.keyId && k.alg === signature.alg);
  if (!key) return reject('untrusted_key', `signed by key ${signature.keyId}, which the policy does not trust`, version);
  if (!(await verifyCanonical(body, signature.value, key))) return reject('bad_signature', `the signature does not match the content (key ${key.id})`, version);

  const schema = compiledPackSchema.safeParse(body.pack);
  if (!schema.success) {
    const issue = schema.error.issues[0];
    return reject('schema', `pack schema: ${issue?.path.join('.') ?? ''}: ${issue?.message ?? ''}`, version);
  }
  const pack = schema.data;
  const id = pack.pack.id;
  if (context.expectedId && id !== context.expectedId) return reject('wrong_id', `expected pack ${context.expectedId}, got ${id}`, version);
  const issuedAt = Date.parse(pack.issuedAt ?? '');
  const expiresAt = Date.parse(pack.expiresAt ?? '');
  if (Number.isNaN(issuedAt) || Number.isNaN(expiresAt)) return reject('no_validity', 'issuedAt and expiresAt must be ISO dates', version);
  if (issuedAt > now.getTime() + CLOCK_SKEW_MS) return reject('not_yet_valid', `issued in the future (${pack.issuedAt})`, version);
  if (expiresAt <= now.getTime()) return reject('expired', `expired at ${pack.expiresAt}`, version);

  const sha256 = await sha256Hex(canonicalJson(body));
  if (context.active) {
    if (pack.pack.version < context.active.version)
      return reject('downgrade', `version ${pack.pack.version} is older than the active version ${context.active.version}`, version);
    if (pack.pack.version === context.active.version && context.active.sha256 && context.active.sha256 !== sha256)
      return reject('same_version_changed', `version ${pack.pack.version} is already active with different content; raise the version`, version);
  }

  // One compile, with the ReDoS proof (the expensive part); clashes with the other packs are checked directly.
  const otherIds = new Set((context.others ?? []).filter((p) => p.pack.id !== id).flatMap((p) => p.rules.map((r) => r.id)));
  const clash = pack.rules.find((r) => otherIds.has(r.id));
  if (clash) return reject('compile', `rule id ${clash.id} is already defined by another pack in force`, version);
  let engine;
  try {
    engine = createEngine([pack]);
  } catch (e) {
    if (e instanceof PackCompileError) return reject('compile', e.message, version);
    return reject('compile', `does not compile: ${(e as Error).message}`, version);
  }
  const { total, failures } = runRuleExamples(engine);
  if (failures.length) {
    const f = failures[0];
    return reject('examples', `${failures.length} of ${total} rule examples fail; first: ${f.rule} (${f.kind}) "${f.text}": ${f.problem}`, version);
  }
  return { ok: true, pack, keyId: key.id, sha256 };
}
