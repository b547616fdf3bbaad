import { translator, type Dictionary } from '../shared/i18n';

const dict = {
  clean: { en: 'No issues', 'zh-Hans': '无问题', 'zh-Hant': '無問題' },
  warn: { en: 'Check before sending', 'zh-Hans': '发送前请确认', 'zh-Hant': '傳送前請確認' },
  block: { en: 'Cannot be sent', 'zh-Hans': '不可发送', 'zh-Hant': '不可傳送' },
  badgeLabel: { en: 'Draftguard: {state}. Recipient: {recipient}. Open menu', 'zh-Hans': 'Draftguard：{state}。对方：{recipient}。打开菜单', 'zh-Hant': 'Draftguard：{state}。對方：{recipient}。開啟選單' },
  recipient: { en: 'Who is this conversation with?', 'zh-Hans': '本会话的对方是', 'zh-Hant': '本會話的對方是' },
  fromPage: { en: 'Set by the console', 'zh-Hans': '由控制台识别', 'zh-Hant': '由控制台識別' },
  debtor: { en: 'Debtor', 'zh-Hans': '债务人', 'zh-Hant': '債務人' },
  guarantor: { en: 'Guarantor', 'zh-Hans': '担保人', 'zh-Hant': '擔保人' },
  third_party: { en: 'Third party', 'zh-Hans': '第三方', 'zh-Hant': '第三方' },
  unknown: { en: 'Unknown', 'zh-Hans': '未知', 'zh-Hant': '未知' },
  findings: { en: 'Findings', 'zh-Hans': '问题', 'zh-Hant': '問題' },
  noFindings: { en: 'Nothing flagged in this draft.', 'zh-Hans': '当前草稿没有问题。', 'zh-Hant': '目前草稿沒有問題。' },
  source: { en: 'Source', 'zh-Hans': '依据', 'zh-Hant': '依據' },
  suggestion: { en: 'Suggested rewrite', 'zh-Hans': '建议改写', 'zh-Hant': '建議改寫' },
  applyFix: { en: 'Apply fix', 'zh-Hans': '应用修改', 'zh-Hant': '套用修改' },
  report: { en: 'Not a violation', 'zh-Hans': '误报', 'zh-Hant': '誤報' },
  reported: { en: 'Reported — thank you', 'zh-Hans': '已提交误报', 'zh-Hant': '已提交誤報' },
  blockTitle: { en: 'This message was not sent', 'zh-Hans': '消息未发送', 'zh-Hant': '訊息未傳送' },
  blockIntro: { en: 'It breaks the rules below. Your draft is unchanged; fix it and send again.', 'zh-Hans': '草稿违反以下规则，已拦截。草稿保持原样，请修改后再发送。', 'zh-Hant': '草稿違反以下規則，已攔截。草稿保持原樣，請修改後再傳送。' },
  warnTitle: { en: 'Check this message before sending', 'zh-Hans': '发送前请确认', 'zh-Hant': '傳送前請確認' },
  warnIntro: { en: 'The draft may break the rules below.', 'zh-Hans': '草稿可能违反以下规则。', 'zh-Hant': '草稿可能違反以下規則。' },
  cleanTitle: { en: 'The draft is now clean', 'zh-Hans': '草稿已无问题', 'zh-Hant': '草稿已無問題' },
  acknowledge: { en: 'I have checked this message and it is appropriate', 'zh-Hans': '我已核对，该消息内容恰当', 'zh-Hant': '我已核對，該訊息內容恰當' },
  justification: { en: 'Justification (required)', 'zh-Hans': '发送理由（必填）', 'zh-Hant': '傳送理由（必填）' },
  justificationHint: { en: 'At least 10 characters', 'zh-Hans': '至少 10 个字', 'zh-Hant': '至少 10 個字' },
  sendAnyway: { en: 'Send anyway', 'zh-Hans': '仍然发送', 'zh-Hant': '仍然傳送' },
  sendNow: { en: 'Send now', 'zh-Hans': '立即发送', 'zh-Hant': '立即傳送' },
  backToEdit: { en: 'Back to edit', 'zh-Hans': '返回修改', 'zh-Hant': '返回修改' },
  close: { en: 'Close', 'zh-Hans': '关闭', 'zh-Hant': '關閉' },
  fixFailed: { en: 'The editor did not accept the fix; edit the text by hand.', 'zh-Hans': '编辑器未接受修改，请手动修改。', 'zh-Hant': '編輯器未接受修改，請手動修改。' },
  wholeDraft: { en: 'whole message', 'zh-Hans': '整条消息', 'zh-Hant': '整則訊息' },
} satisfies Dictionary<string>;

export type GuardStringKey = keyof typeof dict;
export const tr = translator<GuardStringKey>(dict);
