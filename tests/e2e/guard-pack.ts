/** A small, fixed rule pack for the guard's e2e tests, so they do not move when the real packs are edited. */
import { buildPackFromSources } from '../../rules/build/pack-build';
import type { CompiledPack } from '../../rules';

const PACK_YAML = `
pack:
  id: e2e
  version: 7
  jurisdiction: cn
  name: { zh-Hans: 端到端测试规则, en: End-to-end test rules }
`;

const RULES_YAML = `
rules:
  - id: e2e.threat
    category: threat
    severity: block
    match: { any: [收拾你, break your legs] }
    message: { zh-Hans: 威胁用语，严禁发送。, en: Threats are prohibited. }
    source: 测试依据第1条
    fix: { zh-Hans: 联系您, en: contact you }
    examples: { flag: [再不还就收拾你], pass: [请尽快联系我们] }
  - id: e2e.deadline
    category: false_legal
    severity: warn
    match: { any: [最后通牒, final notice] }
    message: { zh-Hans: 措辞可能构成虚假施压，请确认。, en: May be read as false pressure; check. }
    source: 测试依据第2条
    fix: { zh-Hans: 还款提醒, en: payment reminder }
    examples: { flag: [这是最后通牒], pass: [这是还款提醒] }
`;

export function e2ePack(): CompiledPack {
  return buildPackFromSources('e2e', [
    { name: 'pack.yaml', source: PACK_YAML },
    { name: 'rules.yaml', source: RULES_YAML },
  ]);
}

export const DRAFTS = {
  clean: '您好，请问本月的还款计划方便确认一下吗？',
  block: '再不还钱我们就收拾你。',
  blockFixed: '再不还钱我们就联系您。',
  warn: '这是最后通牒，请今天处理。',
  warnFixed: '这是还款提醒，请今天处理。',
};
