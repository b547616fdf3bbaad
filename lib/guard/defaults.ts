/**
 * The guard's policy vocabulary and its defaults. The admin part (lib/policy) writes the effective policy to
 * EFFECTIVE_POLICY_KEY; lib/guard/policy.ts reads its `guard` section (or top-level fields of the same names)
 * and falls back field by field to these defaults, so either side can evolve without breaking the other.
 */
import type { Channel, Recipient } from '../../rules';

export type Enforcement = 'enforce' | 'warn_only' | 'monitor' | 'off';

export interface RecipientSource {
  /** Where the console shows who the conversation is with. */
  selector: string;
  /** Read this attribute instead of the element's text. */
  attribute?: string;
  /** Shown value (exact, case-insensitive) or /regex/ → role. */
  map: Record<string, Recipient>;
}

export interface SitePolicy {
  /** Match pattern, e.g. "https://*.zendesk.com/*". */
  pattern: string;
  /** Only when the URL contains this (lets one host carry a chat and an SMS console). */
  urlContains?: string;
  label?: string;
  channel?: Channel;
  /** Extra composer selectors, tried before the generic ones. */
  composer?: string;
  /** The send control; the generic send detection is used when absent or not found. */
  send?: string;
  /** Keys that send on this site. Default: Enter, NumpadEnter and Ctrl/Cmd+Enter. */
  sendKeys?: SendKeyName[];
  recipient?: RecipientSource;
  /** Identifies the conversation (its text or attribute); default: path and hash of the URL. */
  conversation?: { selector: string; attribute?: string };
  recipientTimeZone?: string;
}

export type SendKeyName = 'Enter' | 'Mod+Enter';

export interface SeverityActions {
  /** What a block finding allows: nothing, or sending anyway with a written justification. */
  block: { override: 'none' | 'justify' };
  /** What a warn finding needs before the send goes through. */
  warn: { confirm: 'acknowledge' | 'justify' };
}

export interface GuardPolicy {
  enforcement: Enforcement;
  sites: SitePolicy[];
  severity: SeverityActions;
  /** Restrict the engine to these jurisdictions; empty means every pack in force. */
  jurisdictions: string[];
  /** Whether the agent may report a finding as a false positive. */
  allowFalsePositiveReports: boolean;
}

/** Demo consoles served by `npm run demo` and the e2e harness: they show the contact's role in a header. */
const demoRecipient: RecipientSource = {
  selector: '[data-dg-contact-role]',
  attribute: 'data-dg-contact-role',
  map: { debtor: 'debtor', guarantor: 'guarantor', third_party: 'third_party', 'third-party': 'third_party' },
};

const LOCAL_SITES: SitePolicy[] = ['http://localhost/*', 'http://127.0.0.1/*'].flatMap((pattern): SitePolicy[] => [
  { pattern, urlContains: '/sms', label: 'Demo SMS console', channel: 'sms', recipient: demoRecipient, conversation: { selector: '[data-dg-conversation]', attribute: 'data-dg-conversation' } },
  { pattern, label: 'Local console', channel: 'chat', recipient: demoRecipient, conversation: { selector: '[data-dg-conversation]', attribute: 'data-dg-conversation' } },
]);

/** Well-known agent and SMS consoles; selectors only where the console's markup is stable and public. */
const KNOWN_SITES: SitePolicy[] = [
  // Chat workspaces
  { pattern: 'https://app.slack.com/*', label: 'Slack', channel: 'chat', composer: '.ql-editor[contenteditable="true"]', send: 'button[data-qa="texty_send_button"]' },
  { pattern: 'https://teams.microsoft.com/*', label: 'Microsoft Teams', channel: 'chat' },
  { pattern: 'https://teams.live.com/*', label: 'Microsoft Teams', channel: 'chat' },
  // CRM service consoles
  { pattern: 'https://*.lightning.force.com/*', label: 'Salesforce Service Console', channel: 'chat' },
  { pattern: 'https://*.my.salesforce.com/*', label: 'Salesforce', channel: 'chat' },
  { pattern: 'https://*.zendesk.com/*', label: 'Zendesk', channel: 'chat' },
  { pattern: 'https://*.freshdesk.com/*', label: 'Freshdesk', channel: 'chat' },
  { pattern: 'https://*.freshchat.com/*', label: 'Freshchat', channel: 'chat' },
  { pattern: 'https://app.intercom.com/*', label: 'Intercom', channel: 'chat' },
  { pattern: 'https://*.crm.dynamics.com/*', label: 'Dynamics 365 Customer Service', channel: 'chat' },
  { pattern: 'https://*.hubspot.com/*', label: 'HubSpot', channel: 'chat' },
  // Contact-centre agent desktops
  { pattern: 'https://*.my.connect.aws/*', label: 'Amazon Connect', channel: 'chat' },
  { pattern: 'https://*.awsapps.com/*', label: 'Amazon Connect', channel: 'chat' },
  { pattern: 'https://*.mypurecloud.com/*', label: 'Genesys Cloud', channel: 'chat' },
  { pattern: 'https://*.genesys.cloud/*', label: 'Genesys Cloud', channel: 'chat' },
  { pattern: 'https://*.five9.com/*', label: 'Five9', channel: 'chat' },
  { pattern: 'https://*.talkdesk.com/*', label: 'Talkdesk', channel: 'chat' },
  { pattern: 'https://*.nice-incontact.com/*', label: 'NICE CXone', channel: 'chat' },
  // SMS web consoles and messengers
  { pattern: 'https://messages.google.com/*', label: 'Google Messages', channel: 'sms' },
  { pattern: 'https://web.whatsapp.com/*', label: 'WhatsApp Web', channel: 'chat', composer: 'footer [contenteditable="true"]', send: 'footer button[aria-label="Send"], footer [data-icon="send"]' },
  { pattern: 'https://console.twilio.com/*', label: 'Twilio Console', channel: 'sms' },
  { pattern: 'https://*.textline.com/*', label: 'Textline', channel: 'sms' },
  { pattern: 'https://app.simpletexting.com/*', label: 'SimpleTexting', channel: 'sms' },
  // WeCom / DingTalk web
  { pattern: 'https://work.weixin.qq.com/*', label: '企业微信', channel: 'chat' },
  { pattern: 'https://*.dingtalk.com/*', label: '钉钉', channel: 'chat' },
  // Chinese customer-service SaaS
  { pattern: 'https://*.udesk.cn/*', label: 'Udesk', channel: 'chat' },
  { pattern: 'https://*.sobot.com/*', label: '智齿客服', channel: 'chat' },
  { pattern: 'https://*.meiqia.com/*', label: '美洽', channel: 'chat' },
  { pattern: 'https://*.qiyukf.com/*', label: '网易七鱼', channel: 'chat' },
  { pattern: 'https://*.easemob.com/*', label: '环信客服', channel: 'chat' },
  { pattern: 'https://*.53kf.com/*', label: '53KF', channel: 'chat' },
  { pattern: 'https://*.kf5.com/*', label: 'KF5', channel: 'chat' },
];

export const DEFAULT_SITES: SitePolicy[] = [...LOCAL_SITES, ...KNOWN_SITES];

/** The content script's static manifest matches; sites added by policy are registered at run time. */
export const DEFAULT_MATCHES: string[] = [...new Set(DEFAULT_SITES.map((s) => s.pattern))];

export const DEFAULT_POLICY: GuardPolicy = {
  enforcement: 'enforce',
  sites: DEFAULT_SITES,
  severity: { block: { override: 'none' }, warn: { confirm: 'acknowledge' } },
  jurisdictions: [],
  allowFalsePositiveReports: true,
};

/** Default keys that send: plain Enter (incl. NumpadEnter) and Ctrl/Cmd+Enter. */
export const DEFAULT_SEND_KEYS: SendKeyName[] = ['Enter', 'Mod+Enter'];
