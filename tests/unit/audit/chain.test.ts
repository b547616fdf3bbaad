import { describe, expect, it } from 'vitest';
import { canonicalJson, hashRecord, sha256Hex, verifyChains } from '../../../lib/audit/chain';
import { GENESIS_HASH, type AuditRecord } from '../../../lib/audit/types';

async function chain(n: number): Promise<AuditRecord[]> {
  const out: AuditRecord[] = [];
  let prev = GENESIS_HASH;
  for (let seq = 1; seq <= n; seq++) {
    const body: Omit<AuditRecord, 'hash'> = {
      v: 1, id: `r${seq}`, chain: 'c1', seq, time: seq, agent: 'a', action: 'blocked', site: 's', recipient: 'debtor', channel: 'chat',
      packs: [{ id: 'cn', version: 1 }], findings: [], draft: `d${seq}`, redacted: false, prevHash: prev,
    };
    const r = { ...body, hash: await hashRecord(body) };
    out.push(r);
    prev = r.hash;
  }
  return out;
}

describe('canonical JSON', () => {
  it('sorts keys at every depth and drops undefined members', () => {
    expect(canonicalJson({ b: 1, a: { d: [1, { z: 1, y: undefined, x: 'é' }], c: null } })).toBe('{"a":{"c":null,"d":[1,{"x":"é","z":1}]},"b":1}');
  });
  it('hashes with SHA-256 (known vector)', async () => {
    expect(await sha256Hex('abc')).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
  });
});

describe('hash chain', () => {
  it('accepts an intact chain in any order', async () => {
    const records = await chain(5);
    const report = await verifyChains([...records].reverse());
    expect(report.ok).toBe(true);
    expect(report.chains[0]).toMatchObject({ first: 1, last: 5, anchored: true });
  });
  it('finds an edited record, a removed record and a re-linked forgery', async () => {
    const edited = await chain(5);
    edited[2] = { ...edited[2], draft: 'changed' };
    expect((await verifyChains(edited)).problems).toEqual([{ kind: 'bad_hash', chain: 'c1', seq: 3, id: 'r3' }]);
    const removed = (await chain(5)).filter((r) => r.seq !== 3);
    expect((await verifyChains(removed)).problems).toEqual([{ kind: 'gap', chain: 'c1', afterSeq: 2, seq: 4 }]);
    const forged = await chain(5);
    const body = { ...forged[3], draft: 'forged' };
    forged[3] = { ...body, hash: await hashRecord(body) };
    expect((await verifyChains(forged)).problems).toEqual([{ kind: 'broken_link', chain: 'c1', seq: 5, id: 'r5' }]);
  });
  it('checks a pruned chain from its anchor', async () => {
    const records = await chain(5);
    const kept = records.slice(2);
    expect((await verifyChains(kept, { c1: { seq: 2, hash: records[1].hash } })).ok).toBe(true);
    expect((await verifyChains(kept, { c1: { seq: 2, hash: records[0].hash } })).ok).toBe(false);
  });
});
