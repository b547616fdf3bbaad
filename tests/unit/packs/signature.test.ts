import { beforeAll, describe, expect, it } from 'vitest';
import { makeBundle, serializeBundle, signBundle, vetBundle, type VetContext } from '../../../lib/packs/bundle';
import { canonicalJson, generateSigningKey, signCanonical, verifyCanonical, type PrivateKeyFile, type PublicKeyFile } from '../../../lib/packs/signature';
import { buildTestPack, signedBundleText, unsignedBundleText } from './helpers';

let key: { privateKey: PrivateKeyFile; publicKey: PublicKeyFile };
let other: { privateKey: PrivateKeyFile; publicKey: PublicKeyFile };
const trust = (k: PublicKeyFile): VetContext['trustedKeys'] => [{ id: k.keyId, alg: k.alg, publicKey: k.publicKey }];

beforeAll(async () => {
  key = await generateSigningKey('ECDSA-P256');
  other = await generateSigningKey('ECDSA-P256');
});

describe('canonical JSON', () => {
  it('sorts keys at every depth and drops undefined members', () => {
    expect(canonicalJson({ b: 1, a: { d: [3, { z: 1, y: 2 }], c: undefined } })).toBe('{"a":{"d":[3,{"y":2,"z":1}]},"b":1}');
  });
  it('refuses numbers JSON cannot carry', () => {
    expect(() => canonicalJson({ a: Number.NaN })).toThrow();
  });
});

describe('signatures', () => {
  for (const alg of ['ECDSA-P256', 'Ed25519'] as const) {
    it(`${alg}: verifies its own signature and refuses a changed body or another key`, async () => {
      const k = await generateSigningKey(alg);
      const ref = { id: k.publicKey.keyId, alg, publicKey: k.publicKey.publicKey };
      const sig = await signCanonical({ a: 1, b: 'x' }, k.privateKey);
      expect(await verifyCanonical({ b: 'x', a: 1 }, sig, ref)).toBe(true);
      expect(await verifyCanonical({ a: 2, b: 'x' }, sig, ref)).toBe(false);
      const wrong = { id: other.publicKey.keyId, alg: other.publicKey.alg, publicKey: other.publicKey.publicKey };
      expect(await verifyCanonical({ a: 1, b: 'x' }, sig, wrong)).toBe(false);
    });
  }
  it('refuses a trusted-key entry whose id does not match its key material', async () => {
    const sig = await signCanonical({ a: 1 }, key.privateKey);
    expect(await verifyCanonical({ a: 1 }, sig, { id: other.publicKey.keyId, alg: 'ECDSA-P256', publicKey: key.publicKey.publicKey })).toBe(false);
  });
});

describe('vetBundle: the gate before a pack becomes active', () => {
  it('accepts a valid signed bundle and reports its key and hash', async () => {
    const text = await signedBundleText(buildTestPack(), key.privateKey);
    const result = await vetBundle(text, { trustedKeys: trust(key.publicKey) });
    expect(result.ok).toBe(true);
    if (result.ok) {
      expect(result.pack.pack.id).toBe('acme');
      expect(result.keyId).toBe(key.publicKey.keyId);
      expect(result.sha256).toMatch(/^[0-9a-f]{64}$/);
    }
  });

  it('refuses a bundle with one tampered byte, wherever it is', async () => {
    const text = await signedBundleText(buildTestPack(), key.privateKey);
    // A changed character in a rule message: still valid JSON and canonical, so only the signature catches it.
    const inMessage = text.replace('测试规则一', '测试规则二');
    expect(inMessage).not.toBe(text);
    expect(await vetBundle(inMessage, { trustedKeys: trust(key.publicKey) })).toMatchObject({ ok: false, code: 'bad_signature' });
    // Whitespace outside strings: same JSON value, but not the canonical file that was signed.
    const spaced = text.replace('{"body":', '{ "body":');
    expect(await vetBundle(spaced, { trustedKeys: trust(key.publicKey) })).toMatchObject({ ok: false, code: 'not_canonical' });
    // Every single-byte flip at sampled positions is refused.
    const bytes = new TextEncoder().encode(text);
    for (let i = 0; i < bytes.length - 1; i += Math.ceil(bytes.length / 40)) {
      const copy = bytes.slice();
      copy[i] ^= 0x01;
      const tampered = new TextDecoder().decode(copy);
      expect((await vetBundle(tampered, { trustedKeys: trust(key.publicKey) })).ok, `byte ${i}`).toBe(false);
    }
  });

  it('refuses a bundle signed by a key the policy does not trust', async () => {
    const text = await signedBundleText(buildTestPack(), other.privateKey);
    expect(await vetBundle(text, { trustedKeys: trust(key.publicKey) })).toMatchObject({ ok: false, code: 'untrusted_key' });
  });

  it('refuses a signature from another key under a trusted key id', async () => {
    const signed = await signBundle(makeBundle(buildTestPack()), other.privateKey);
    signed.signature!.keyId = key.publicKey.keyId;
    expect(await vetBundle(serializeBundle(signed), { trustedKeys: trust(key.publicKey) })).toMatchObject({ ok: false, code: 'bad_signature' });
  });

  it('refuses an unsigned bundle', async () => {
    expect(await vetBundle(unsignedBundleText(buildTestPack()), { trustedKeys: trust(key.publicKey) })).toMatchObject({ ok: false, code: 'unsigned' });
  });

  it('refuses an expired bundle and one issued in the future', async () => {
    const old = await signedBundleText(buildTestPack(), key.privateKey, { issuedAt: new Date('2020-01-01T00:00:00Z'), validDays: 30 });
    expect(await vetBundle(old, { trustedKeys: trust(key.publicKey) })).toMatchObject({ ok: false, code: 'expired' });
    const future = await signedBundleText(buildTestPack(), key.privateKey, { issuedAt: new Date(Date.now() + 86400000) });
    expect(await vetBundle(future, { trustedKeys: trust(key.publicKey) })).toMatchObject({ ok: false, code: 'not_yet_valid' });
  });

  it('refuses a downgrade, and a changed pack under the same version', async () => {
    const v1 = await signedBundleText(buildTestPack({ version: 1 }), key.privateKey);
    expect(await vetBundle(v1, { trustedKeys: trust(key.publicKey), active: { version: 2 } })).toMatchObject({ ok: false, code: 'downgrade', version: 1 });
    const accepted = await vetBundle(v1, { trustedKeys: trust(key.publicKey) });
    if (!accepted.ok) throw new Error(accepted.message);
    expect((await vetBundle(v1, { trustedKeys: trust(key.publicKey), active: { version: 1, sha256: accepted.sha256 } })).ok).toBe(true);
    const changed = await signedBundleText(buildTestPack({ version: 1, extraRule: true }), key.privateKey);
    expect(await vetBundle(changed, { trustedKeys: trust(key.publicKey), active: { version: 1, sha256: accepted.sha256 } })).toMatchObject({ ok: false, code: 'same_version_changed' });
  });

  it('refuses a validly signed pack with a ReDoS-prone regex', async () => {
    const text = await signedBundleText(buildTestPack({ regex: '(a+)+b' }), key.privateKey);
    const result = await vetBundle(text, { trustedKeys: trust(key.publicKey) });
    expect(result).toMatchObject({ ok: false, code: 'compile' });
    if (!result.ok) expect(result.message).toMatch(/ReDoS|backtrack/i);
  });

  it('refuses a validly signed pack whose own examples fail', async () => {
    const text = await signedBundleText(buildTestPack({ badExample: true }), key.privateKey);
    expect(await vetBundle(text, { trustedKeys: trust(key.publicKey) })).toMatchObject({ ok: false, code: 'examples' });
  });

  it('refuses a validly signed body that is not a compiled pack', async () => {
    const bundle = makeBundle(buildTestPack());
    (bundle.body.pack as { rules: unknown }).rules = 'none';
    const text = serializeBundle(await signBundle(bundle, key.privateKey));
    expect(await vetBundle(text, { trustedKeys: trust(key.publicKey) })).toMatchObject({ ok: false, code: 'schema' });
  });

  it('refuses the wrong pack id when the policy pins one, and garbage', async () => {
    const text = await signedBundleText(buildTestPack(), key.privateKey);
    expect(await vetBundle(text, { trustedKeys: trust(key.publicKey), expectedId: 'cn' })).toMatchObject({ ok: false, code: 'wrong_id' });
    expect(await vetBundle('<html>', { trustedKeys: trust(key.publicKey) })).toMatchObject({ ok: false, code: 'not_json' });
    expect(await vetBundle('{"pack":1}', { trustedKeys: trust(key.publicKey) })).toMatchObject({ ok: false, code: 'bad_format' });
  });
});

describe('vetBundle: packs in force', () => {
  it('refuses a pack whose rule ids clash with another pack in force', async () => {
    const k = await generateSigningKey();
    const other = buildTestPack({ id: 'acme' });
    const clashing = { ...buildTestPack({ id: 'beta' }) };
    clashing.rules = clashing.rules.map((r) => ({ ...r, id: 'acme.beast' }));
    const text = await signedBundleText(clashing, k.privateKey);
    const trusted = [{ id: k.publicKey.keyId, alg: k.publicKey.alg, publicKey: k.publicKey.publicKey }];
    expect(await vetBundle(text, { trustedKeys: trusted, others: [other] })).toMatchObject({ ok: false, code: 'compile' });
    // The same pack id is a replacement, not a clash.
    const replacement = await signedBundleText(buildTestPack({ id: 'acme', version: 2 }), k.privateKey);
    expect((await vetBundle(replacement, { trustedKeys: trusted, others: [other] })).ok).toBe(true);
  });
});
