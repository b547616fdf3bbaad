/** A tiny pack for the signing and update tests, independent of the default packs' content. */
import { buildPackFromSources } from '../../../rules/build/pack-build';
import type { CompiledPack } from '../../../rules';
import { makeBundle, serializeBundle, signBundle, type PackBundle } from '../../../lib/packs/bundle';
import type { PrivateKeyFile } from '../../../lib/packs/signature';

export function packYaml(options: { id?: string; version?: number; extraRule?: boolean; regex?: string; badExample?: boolean; rollout?: number } = {}): string {
  const { id = 'acme', version = 1 } = options;
  return `
pack:
  id: ${id}
  version: ${version}
  jurisdiction: cn
  name: { zh-Hans: 测试包, en: Test pack }${options.rollout !== undefined ? `\n  rollout: ${options.rollout}` : ''}
lexicons:
  beast: [紫色独角兽]
  moon: [${options.regex ? `{ re: '${options.regex}' }` : '月亮熊'}]
rules:
  - id: ${id}.beast
    category: insult
    severity: block
    match: { any: ['@beast'] }
    message: { zh-Hans: 测试规则一, en: Test rule one }
    source: test source
    examples:
      flag: [你这个紫色独角兽]
      pass: [${options.badExample ? '你这个紫色独角兽' : '今天天气不错'}]
${
  options.extraRule
    ? `  - id: ${id}.moon
    category: insult
    severity: block
    match: { any: ['@moon'] }
    message: { zh-Hans: 测试规则二, en: Test rule two }
    source: test source
    examples:
      flag: [你就是月亮熊]
      pass: [今天天气不错]
`
    : ''
}`;
}

export function buildTestPack(options: Parameters<typeof packYaml>[0] = {}): CompiledPack {
  return buildPackFromSources(options.id ?? 'acme', [{ name: 'pack.yaml', source: packYaml(options) }]);
}

export async function signedBundleText(pack: CompiledPack, key: PrivateKeyFile, options: { issuedAt?: Date; validDays?: number } = {}): Promise<string> {
  return serializeBundle(await signBundle(makeBundle(pack, options), key));
}

export function unsignedBundleText(pack: CompiledPack): string {
  const bundle: PackBundle = makeBundle(pack);
  return serializeBundle(bundle);
}
