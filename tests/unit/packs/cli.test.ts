import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { runPackCommand } from '../../../rules/cli/pack-command';
import { packYaml } from './helpers';

let dir: string;
const quiet = () => {
  vi.spyOn(process.stdout, 'write').mockImplementation(() => true);
  vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
};

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'draftguard-cli-'));
  mkdirSync(join(dir, 'acme'));
  writeFileSync(join(dir, 'acme', 'pack.yaml'), packYaml({ version: 4 }));
  mkdirSync(join(dir, 'redos'));
  writeFileSync(join(dir, 'redos', 'pack.yaml'), packYaml({ id: 'redos', regex: '(a+)+b' }));
});
afterAll(() => {
  vi.restoreAllMocks();
  rmSync(dir, { recursive: true, force: true });
});

describe('draftguard pack keygen | build | sign | verify', () => {
  it('round-trips, and verify exits 0 only for the untampered signed bundle', async () => {
    quiet();
    expect(await runPackCommand(['keygen', '--out', join(dir, 'keys')])).toBe(0);
    expect(await runPackCommand(['keygen', '--out', join(dir, 'other')])).toBe(0);
    const files = readdirSync(join(dir, 'keys'));
    const key = join(dir, 'keys', files.find((f) => f.endsWith('.key.json'))!);
    const pub = join(dir, 'keys', files.find((f) => f.endsWith('.pub.json'))!);
    const otherPub = join(dir, 'other', readdirSync(join(dir, 'other')).find((f) => f.endsWith('.pub.json'))!);
    expect(statSync(key).mode & 0o077).toBe(0);

    const bundle = join(dir, 'acme.bundle.json');
    expect(await runPackCommand(['build', join(dir, 'acme'), '--out', bundle, '--valid-days', '10'])).toBe(0);
    expect(await runPackCommand(['verify', bundle, '--pub', pub])).toBe(1); // unsigned
    expect(await runPackCommand(['sign', bundle, '--key', key])).toBe(0);
    expect(await runPackCommand(['verify', bundle, '--pub', pub])).toBe(0);
    expect(await runPackCommand(['verify', bundle, '--pub', otherPub])).toBe(1);
    expect(await runPackCommand(['verify', bundle, '--pub', pub, '--min-version', '5'])).toBe(1);

    const body = JSON.parse(readFileSync(bundle, 'utf8'));
    expect(body.body.pack.pack.version).toBe(4);
    expect(Date.parse(body.body.pack.expiresAt) - Date.parse(body.body.pack.issuedAt)).toBe(10 * 86400000);

    const text = readFileSync(bundle, 'utf8');
    writeFileSync(join(dir, 't.json'), text.replace('"version":4', '"version":9'));
    expect(await runPackCommand(['verify', join(dir, 't.json'), '--pub', pub])).toBe(1);
  });

  it('refuses to build a pack with a ReDoS-prone regex, and reports usage errors', async () => {
    quiet();
    expect(await runPackCommand(['build', join(dir, 'redos'), '--out', join(dir, 'r.json')])).toBe(1);
    expect(await runPackCommand(['build', join(dir, 'missing'), '--out', join(dir, 'r.json')])).toBe(66);
    expect(await runPackCommand(['sign', join(dir, 'r.json')])).toBe(64);
    expect(await runPackCommand(['verify', join(dir, 'nope.json'), '--pub', join(dir, 'nope.pub')])).toBe(66);
  });
});
