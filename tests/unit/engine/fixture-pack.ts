/** A small pack written for the engine's own tests, independent of the default packs' content. */
import { buildPackFromSources } from '../../../rules/build/pack-build';
import { createEngine } from '../../../rules';

export const FIXTURE_PACK_YAML = `
pack:
  id: fixture
  version: 3
  jurisdiction: cn
  name: { zh-Hans: 测试规则, en: Test rules }
normalize:
  abbreviations: { jc: 警察 }
lexicons:
  target: [你, 您, 你家]
  jail:
    sound: true
    terms: [坐牢, 拘留, 抓]
  police:
    sound: true
    sound_except: [经查]
    terms: [警察, 公安]
  come: [上门, 来找你]
  insult_en: [deadbeat, loser*]
rules:
  - id: fx.jail
    category: false_legal
    severity: block
    match: { all: ['@jail', '@target'], within: sentence }
    message: { zh-Hans: 不得以拘留相威胁, en: No jail threats }
    source: 测试来源
    fix: { zh-Hans: 可能依法处理, en: may take lawful action }
    examples:
      flag: [再不还就让你坐牢]
      pass: [逾期不会让你坐牢]
  - id: fx.police-visit
    category: impersonation
    severity: block
    match: { all: ['@police', '@come'] }
    message: { zh-Hans: 不得冒充警察, en: No police }
    source: 测试来源
    examples:
      flag: [明天警察上门]
      pass: [谨防冒充警察上门的诈骗]
  - id: fx.insult
    category: insult
    severity: block
    match: { any: ['@insult_en'] }
    message: { zh-Hans: 侮辱, en: Insult }
    source: 15 USC 1692d(2)
    examples:
      flag: [you deadbeat]
      pass: [we will never call you a deadbeat]
  - id: fx.card
    category: privacy
    severity: block
    match: { any: [$bank_card, $cn_id] }
    message: { zh-Hans: 完整卡号或身份证号, en: Full card or ID number }
    source: 个人信息保护法第28条
    examples:
      flag: [卡号4111111111111111]
      pass: [尾号1111]
  - id: fx.third
    category: third_party_disclosure
    severity: { default: warn, third_party: block }
    when: { recipient: [third_party, unknown] }
    match: { any: [欠款, 还款] }
    message: { zh-Hans: 向第三方披露债务, en: Disclosure }
    source: 测试来源
    examples:
      flag: [{ text: 他的欠款请尽快处理, recipient: third_party }]
      pass: [{ text: 他的欠款请尽快处理, recipient: debtor }]
  - id: fx.optout
    category: harassment
    severity: warn
    when: { recipient: [debtor], channel: [sms] }
    require: { any: [reply stop, 回复TD] }
    message: { zh-Hans: 缺少退订说明, en: Missing opt-out }
    source: 12 CFR 1006.6(e)
    examples:
      flag: [{ text: Please pay today., channel: sms }]
      pass: [{ text: Please pay today. Reply STOP to opt out., channel: sms }]
  - id: fx.night
    category: contact_time
    severity: warn
    time: { from: '08:00', to: '22:00', zone: Asia/Shanghai }
    message: { zh-Hans: 非允许时段, en: Outside hours }
    source: GB/T 45251-2025
    examples:
      flag: [{ text: 您好, sendTime: '2026-12-01T15:30:00Z' }]
      pass: [{ text: 您好, sendTime: '2026-12-01T02:00:00Z' }]
`;

export const fixturePack = () => buildPackFromSources('fixture', [{ name: 'pack.yaml', source: FIXTURE_PACK_YAML }]);
export const fixtureEngine = () => createEngine([fixturePack()]);
