import { beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { browser } from 'wxt/browser';
import { applyLocalEdit, exportPolicy, importLocalPolicy, mergePolicy } from '../../../lib/policy/merge';
import { publishEffectivePolicy } from '../../../lib/policy/store';
import { EFFECTIVE_POLICY_KEY, LOCAL_POLICY_KEY, POLICY_META_KEY } from '../../../lib/packs/storage-keys';

describe('effective policy', () => {
  it('managed values win over local ones, key by key, and are locked', () => {
    const e = mergePolicy({ mode: 'enforce', refreshMinutes: 5 }, { mode: 'monitor', defaults: { locale: 'en' } });
    expect(e.policy.mode).toBe('enforce');
    expect(e.policy.refreshMinutes).toBe(5);
    expect(e.policy.defaults.locale).toBe('en');
    expect(e.sources).toMatchObject({ mode: 'managed', refreshMinutes: 'managed', defaults: 'local', sites: 'default' });
    expect(e.locked.sort()).toEqual(['mode', 'refreshMinutes']);
  });

  it('a managed object replaces the local one whole: an agent cannot add a trusted key beside the admin ones', () => {
    const admin = { id: '0123456789abcdef', alg: 'ECDSA-P256', publicKey: 'A'.repeat(120) };
    const agent = { id: 'fedcba9876543210', alg: 'ECDSA-P256', publicKey: 'B'.repeat(120) };
    const e = mergePolicy({ packs: { trustedKeys: [admin] } }, { packs: { trustedKeys: [agent], remote: [{ url: 'http://evil.example/p.json' }] } });
    expect(e.policy.packs.trustedKeys.map((k) => k.id)).toEqual([admin.id]);
    expect(e.policy.packs.remote).toEqual([]);
  });

  it('an invalid managed value falls back to the strict default, not to the local value, and stays locked', () => {
    const e = mergePolicy({ mode: 'off' }, { mode: 'monitor' });
    expect(e.policy.mode).toBe('enforce');
    expect(e.locked).toContain('mode');
    expect(e.problems).toEqual([expect.objectContaining({ source: 'managed', key: 'mode' })]);
  });

  it('reports unknown settings and keeps the valid ones', () => {
    const e = mergePolicy({}, { mode: 'warn', colour: 'red' });
    expect(e.policy.mode).toBe('warn');
    expect(e.problems).toEqual([expect.objectContaining({ key: 'colour', message: expect.stringMatching(/unknown/) })]);
  });

  it('the policy can lock settings it sets locally; UI edits to locked settings are refused', () => {
    const local = { mode: 'enforce', locked: ['mode'] };
    const e = mergePolicy({}, local);
    expect(e.locked).toEqual(['mode']);
    expect(() => applyLocalEdit(local, { mode: 'monitor' }, e)).toThrow(/locked: mode/);
    expect(applyLocalEdit(local, { refreshMinutes: 30 }, e)).toMatchObject({ mode: 'enforce', refreshMinutes: 30 });
  });

  it('an import keeps locked local settings and refuses an invalid file whole', () => {
    const local = { mode: 'enforce', locked: ['mode', 'locked'] };
    const e = mergePolicy({}, local);
    const result = importLocalPolicy(local, { mode: 'monitor', locked: [], refreshMinutes: 60 }, e);
    expect(result.local).toEqual({ mode: 'enforce', locked: ['mode', 'locked'], refreshMinutes: 60 });
    expect(result.kept.sort()).toEqual(['locked', 'mode']);
    const invalid = importLocalPolicy(local, { refreshMinutes: -1 }, e);
    expect(invalid.local).toBe(local);
    expect(invalid.problems[0].key).toBe('refreshMinutes');
    expect(() => importLocalPolicy(local, [1, 2], e)).toThrow();
  });

  it('exports only what is set, so the export re-imports to the same policy', () => {
    const e = mergePolicy({ mode: 'warn' }, { refreshMinutes: 30 });
    const exported = exportPolicy(e);
    expect(exported).toEqual({ mode: 'warn', refreshMinutes: 30 });
    expect(mergePolicy({}, exported).policy).toEqual(e.policy);
  });
});

describe('publishing the effective policy', () => {
  beforeEach(() => fakeBrowser.reset());

  it('reads managed storage and the local policy, and stores the result and its metadata', async () => {
    await fakeBrowser.storage.managed.set({ mode: 'warn' });
    await browser.storage.local.set({ [LOCAL_POLICY_KEY]: { mode: 'monitor', refreshMinutes: 7 } });
    await publishEffectivePolicy();
    const stored = await browser.storage.local.get([EFFECTIVE_POLICY_KEY, POLICY_META_KEY]);
    expect(stored[EFFECTIVE_POLICY_KEY]).toMatchObject({ mode: 'warn', refreshMinutes: 7 });
    expect(stored[POLICY_META_KEY]).toMatchObject({ locked: ['mode'], sources: { mode: 'managed', refreshMinutes: 'local' }, managedAvailable: true });
  });

  it('does not rewrite storage when nothing changed (open tabs are not woken for nothing)', async () => {
    await publishEffectivePolicy();
    let writes = 0;
    browser.storage.onChanged.addListener(() => void writes++);
    await publishEffectivePolicy();
    expect(writes).toBe(0);
  });
});
