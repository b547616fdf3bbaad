import { translator, type Dictionary } from '../shared/i18n';

const dict = {
  title: { en: 'Draftguard', 'zh-Hans': 'Draftguard 合规守护', 'zh-Hant': 'Draftguard 合規守護' },
  loading: { en: 'Loading…', 'zh-Hans': '加载中…', 'zh-Hant': '載入中…' },
  active: { en: 'Guarding this page', 'zh-Hans': '正在守护此页面', 'zh-Hant': '正在守護此頁面' },
  activeWhy: { en: 'Listed in policy as “{site}”. {n} composer(s) found.', 'zh-Hans': '策略中列为“{site}”。已发现 {n} 个输入框。', 'zh-Hant': '策略中列為「{site}」。已發現 {n} 個輸入框。' },
  monitor: { en: 'Monitoring only', 'zh-Hans': '仅监测', 'zh-Hant': '僅監測' },
  monitorWhy: { en: 'Policy mode is monitor: drafts are underlined but sends are not stopped.', 'zh-Hans': '策略为监测模式：仅标注问题，不拦截发送。', 'zh-Hant': '策略為監測模式：僅標註問題，不攔截傳送。' },
  off: { en: 'Guard switched off', 'zh-Hans': '守护已关闭', 'zh-Hant': '守護已關閉' },
  offWhy: { en: 'Your administrator set the policy mode to off.', 'zh-Hans': '管理员已将策略设为关闭。', 'zh-Hant': '管理員已將策略設為關閉。' },
  inactive: { en: 'Not active on this page', 'zh-Hans': '此页面未启用', 'zh-Hant': '此頁面未啟用' },
  notListed: { en: 'This site is not in the policy’s list of consoles.', 'zh-Hans': '该网站不在策略的控制台列表中。', 'zh-Hant': '該網站不在策略的控制台列表中。' },
  notWeb: { en: 'Browser pages cannot be guarded.', 'zh-Hans': '浏览器内部页面无法守护。', 'zh-Hant': '瀏覽器內部頁面無法守護。' },
  reload: { en: 'The site is listed but the page has not loaded the guard yet: reload it.', 'zh-Hans': '该网站在列表中，但页面尚未加载守护：请刷新页面。', 'zh-Hant': '該網站在列表中，但頁面尚未載入守護：請重新整理頁面。' },
  packs: { en: 'Rule packs', 'zh-Hans': '规则包', 'zh-Hant': '規則包' },
  noPacks: { en: 'No rule pack loaded', 'zh-Hans': '未加载规则包', 'zh-Hant': '未載入規則包' },
  packRefused: {
    en: 'Last update from {source} was refused: {msg}. The packs above stay in force.',
    'zh-Hans': '来自 {source} 的最近一次更新被拒绝：{msg}。上面的规则包继续生效。',
    'zh-Hant': '來自 {source} 的最近一次更新被拒絕：{msg}。上面的規則包繼續生效。',
  },
  bundled: { en: 'bundled', 'zh-Hans': '内置', 'zh-Hant': '內建' },
  managed: { en: 'from policy', 'zh-Hans': '来自策略', 'zh-Hant': '來自策略' },
  recipient: { en: 'This conversation is with', 'zh-Hans': '本会话的对方', 'zh-Hant': '本會話的對方' },
  fromPage: { en: 'Read from the console', 'zh-Hans': '由控制台识别', 'zh-Hant': '由控制台識別' },
  debtor: { en: 'Debtor', 'zh-Hans': '债务人', 'zh-Hant': '債務人' },
  guarantor: { en: 'Guarantor', 'zh-Hans': '担保人', 'zh-Hant': '擔保人' },
  third_party: { en: 'Third party', 'zh-Hans': '第三方', 'zh-Hant': '第三方' },
  unknown: { en: 'Unknown', 'zh-Hans': '未知', 'zh-Hant': '未知' },
  today: { en: 'Today', 'zh-Hans': '今日', 'zh-Hant': '今日' },
  checked: { en: 'Sent after check', 'zh-Hans': '检查后发送', 'zh-Hant': '檢查後傳送' },
  blocked: { en: 'Blocked', 'zh-Hans': '已拦截', 'zh-Hant': '已攔截' },
  warned: { en: 'Warnings', 'zh-Hans': '警告', 'zh-Hant': '警告' },
  overridden: { en: 'Sent with justification', 'zh-Hans': '说明理由后发送', 'zh-Hant': '說明理由後傳送' },
  fixed: { en: 'Fixes applied', 'zh-Hans': '已应用修改', 'zh-Hant': '已套用修改' },
  reported: { en: 'False positives reported', 'zh-Hans': '误报反馈', 'zh-Hant': '誤報回饋' },
  language: { en: 'Language', 'zh-Hans': '语言', 'zh-Hant': '語言' },
  error: { en: 'Could not reach the page: {msg}', 'zh-Hans': '无法连接页面：{msg}', 'zh-Hant': '無法連接頁面：{msg}' },
} satisfies Dictionary<string>;

export type PopupStringKey = keyof typeof dict;
export const tr = translator<PopupStringKey>(dict);
