/** Public vocabulary of the engine: what a caller passes in and gets back. */

export const CATEGORIES = [
  'threat',
  'harassment',
  'insult',
  'false_legal',
  'impersonation',
  'third_party_disclosure',
  'privacy',
  'contact_time',
] as const;
export type Category = (typeof CATEGORIES)[number];

export const SEVERITIES = ['block', 'warn'] as const;
export type Severity = (typeof SEVERITIES)[number];
export type Verdict = Severity | 'pass';

export const RECIPIENTS = ['debtor', 'guarantor', 'third_party', 'unknown'] as const;
export type Recipient = (typeof RECIPIENTS)[number];

export const CHANNELS = ['chat', 'sms'] as const;
export type Channel = (typeof CHANNELS)[number];

export const LOCALES = ['zh-Hans', 'zh-Hant', 'en'] as const;
export type Locale = (typeof LOCALES)[number];

export type LocalizedText = Partial<Record<Locale, string>>;

export interface CheckContext {
  recipient?: Recipient;
  channel?: Channel;
  /** Restrict to packs of these jurisdictions; empty or absent means every loaded pack. */
  jurisdiction?: string | string[];
  locale?: Locale;
  /** When the draft would be sent: epoch milliseconds or an ISO string. */
  sendTime?: number | string;
  /** IANA time zone of the recipient, e.g. Asia/Shanghai. */
  recipientTimeZone?: string;
}

/** How a finding was matched; anything but 'plain' means the text was disguised. */
export type MatchVia = 'plain' | 'sound' | 'regex' | 'detector' | 'missing' | 'time';

export interface Finding {
  rule: string;
  pack: string;
  category: Category;
  severity: Severity;
  /** UTF-16 offsets into the original draft; start === end for whole-draft findings (missing content, time). */
  start: number;
  end: number;
  text: string;
  message: string;
  source: string;
  /** Compliant replacement for [start, end), in the UI locale, when the rule offers one. */
  fix?: string;
  via: MatchVia;
}

export interface CheckResult {
  verdict: Verdict;
  findings: Finding[];
}
