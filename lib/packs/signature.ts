/**
 * Pack signatures with WebCrypto only, so the same code runs in Node 20 (CLI, tests) and in the extension's
 * service worker. The signed bytes are the canonical JSON (sorted keys, no whitespace) of the bundle body;
 * the signature travels beside the body in the same file (see bundle.ts).
 * Algorithms: ECDSA P-256 with SHA-256 (IEEE P1363 r||s) — the default — or Ed25519.
 */
export type SignatureAlg = 'ECDSA-P256' | 'Ed25519';

export interface PrivateKeyFile {
  kind: 'draftguard-private-key';
  alg: SignatureAlg;
  keyId: string;
  jwk: JsonWebKey;
}

export interface PublicKeyFile {
  kind: 'draftguard-public-key';
  alg: SignatureAlg;
  keyId: string;
  /** Base64 SubjectPublicKeyInfo (DER): what goes into policy packs.trustedKeys[].publicKey. */
  publicKey: string;
}

export interface PublicKeyRef {
  id: string;
  alg: SignatureAlg;
  publicKey: string;
}

const subtle = (): SubtleCrypto => {
  const s = globalThis.crypto?.subtle;
  if (!s) throw new Error('WebCrypto (crypto.subtle) is not available');
  return s;
};

function algorithm(alg: SignatureAlg): { key: EcKeyImportParams | Algorithm; sign: EcdsaParams | Algorithm } {
  return alg === 'ECDSA-P256'
    ? { key: { name: 'ECDSA', namedCurve: 'P-256' }, sign: { name: 'ECDSA', hash: 'SHA-256' } }
    : { key: { name: 'Ed25519' }, sign: { name: 'Ed25519' } };
}

export function toBase64(bytes: Uint8Array): string {
  let s = '';
  for (let i = 0; i < bytes.length; i += 0x8000) s += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(s);
}

export function fromBase64(text: string): Uint8Array<ArrayBuffer> {
  const s = atob(text);
  const out = new Uint8Array(s.length);
  for (let i = 0; i < s.length; i++) out[i] = s.charCodeAt(i);
  return out;
}

const hex = (bytes: Uint8Array) => Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');

export async function sha256Hex(data: string | Uint8Array<ArrayBuffer>): Promise<string> {
  const bytes = typeof data === 'string' ? new TextEncoder().encode(data) : data;
  return hex(new Uint8Array(await subtle().digest('SHA-256', bytes)));
}

/** The key id: the first 16 hex digits of SHA-256 over the SPKI bytes. */
export async function keyIdOf(spki: Uint8Array<ArrayBuffer>): Promise<string> {
  return (await sha256Hex(spki)).slice(0, 16);
}

/**
 * Canonical JSON: object keys sorted by UTF-16 code units, no whitespace, `undefined` members dropped (as
 * JSON.stringify does). Refuses values JSON cannot represent exactly, so signer and verifier agree byte for byte.
 */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value === 'boolean' || typeof value === 'string') return JSON.stringify(value);
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw new Error('canonical JSON: non-finite number');
    return JSON.stringify(value);
  }
  if (Array.isArray(value)) return `[${value.map((v) => (v === undefined ? 'null' : canonicalJson(v))).join(',')}]`;
  if (typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  throw new Error(`canonical JSON: cannot encode a ${typeof value}`);
}

export async function generateSigningKey(alg: SignatureAlg = 'ECDSA-P256'): Promise<{ privateKey: PrivateKeyFile; publicKey: PublicKeyFile }> {
  const pair = (await subtle().generateKey(algorithm(alg).key, true, ['sign', 'verify'])) as CryptoKeyPair;
  const spki = new Uint8Array(await subtle().exportKey('spki', pair.publicKey));
  const keyId = await keyIdOf(spki);
  const jwk = await subtle().exportKey('jwk', pair.privateKey);
  return {
    privateKey: { kind: 'draftguard-private-key', alg, keyId, jwk },
    publicKey: { kind: 'draftguard-public-key', alg, keyId, publicKey: toBase64(spki) },
  };
}

/** Signs `body` (canonicalised here); returns the base64 signature. */
export async function signCanonical(body: unknown, key: PrivateKeyFile): Promise<string> {
  const { key: keyAlg, sign } = algorithm(key.alg);
  const privateKey = await subtle().importKey('jwk', key.jwk, keyAlg, false, ['sign']);
  const signature = await subtle().sign(sign, privateKey, new TextEncoder().encode(canonicalJson(body)));
  return toBase64(new Uint8Array(signature));
}

/** True when `signature` (base64) is `key`'s signature over the canonical JSON of `body`. Never throws. */
export async function verifyCanonical(body: unknown, signature: string, key: PublicKeyRef): Promise<boolean> {
  try {
    const { key: keyAlg, sign } = algorithm(key.alg);
    const spki = fromBase64(key.publicKey);
    // A trusted-key entry whose id does not match its key material is a configuration error, not a match.
    if ((await keyIdOf(spki)) !== key.id) return false;
    const publicKey = await subtle().importKey('spki', spki, keyAlg, false, ['verify']);
    return await subtle().verify(sign, publicKey, fromBase64(signature), new TextEncoder().encode(canonicalJson(body)));
  } catch {
    return false;
  }
}
