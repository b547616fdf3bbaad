/**
 * Reads the effective policy (EFFECTIVE_POLICY_KEY, written by the admin part) and resolves it against the
 * guard's defaults. Tolerant by design: an unknown or malformed field falls back to its default instead of
 * switching the guard off.
 */
import { browser } from 'wxt/browser';
import { EFFECTIVE_POLICY_KEY } from '../packs/storage-keys';
import { DEFAULT_POLICY, type Enforcement, type GuardPolicy, type SitePolicy } from './defaults';
import { isValidPattern, matchesPattern } from './match-pattern';
import { RECIPIENTS, type Recipient } from '../../rules';

const ENFORCEMENTS: Enforcement[] = ['enforce', 'warn_only', 'monitor', 'off'];

function isObject(v: unknown): v is Record<string, unknown> {
  return !!v && typeof v === 'object' && !Array.isArray(v);
}

function readSite(v: unknown): SitePolicy | null {
  if (!isObject(v)) return null;
  const pattern = typeof v.pattern === 'string' ? v.pattern : typeof v.match === 'string' ? v.match : null;
  if (!pattern || !isValidPattern(pattern)) return null;
  const site: SitePolicy = { pattern };
  for (const key of ['urlContains', 'label', 'composer', 'send', 'recipientTimeZone'] as const) if (typeof v[key] === 'string') site[key] = v[key] as string;
  if (v.channel === 'chat' || v.channel === 'sms') site.channel = v.channel;
  if (Array.isArray(v.sendKeys)) site.sendKeys = v.sendKeys.filter((k): k is 'Enter' | 'Mod+Enter' => k === 'Enter' || k === 'Mod+Enter');
  if (isObject(v.recipient) && typeof v.recipient.selector === 'string') {
    const map: Record<string, Recipient> = {};
    if (isObject(v.recipient.map)) for (const [k, r] of Object.entries(v.recipient.map)) if ((RECIPIENTS as readonly unknown[]).includes(r)) map[k] = r as Recipient;
    site.recipient = { selector: v.recipient.selector, map, ...(typeof v.recipient.attribute === 'string' ? { attribute: v.recipient.attribute } : {}) };
  }
  if (isObject(v.conversation) && typeof v.conversation.selector === 'string') {
    site.conversation = { selector: v.conversation.selector, ...(typeof v.conversation.attribute === 'string' ? { attribute: v.conversation.attribute } : {}) };
  }
  return site;
}

/** Resolves a stored policy value (any shape) into a complete GuardPolicy. */
export function resolvePolicy(stored: unknown): GuardPolicy {
  if (!isObject(stored)) return DEFAULT_POLICY;
  const src = isObject(stored.guard) ? { ...stored, ...stored.guard } : stored;
  const policy: GuardPolicy = { ...DEFAULT_POLICY, severity: { block: { ...DEFAULT_POLICY.severity.block }, warn: { ...DEFAULT_POLICY.severity.warn } } };
  if (ENFORCEMENTS.includes(src.enforcement as Enforcement)) policy.enforcement = src.enforcement as Enforcement;
  if (Array.isArray(src.sites)) {
    const sites = src.sites.map(readSite).filter((s): s is SitePolicy => !!s);
    // "add" keeps the defaults (admin lists extra consoles); otherwise the admin's list replaces them.
    policy.sites = src.sitesMode === 'add' ? [...sites, ...DEFAULT_POLICY.sites] : sites;
  }
  if (isObject(src.severity)) {
    const b = src.severity.block;
    const w = src.severity.warn;
    if (isObject(b) && (b.override === 'none' || b.override === 'justify')) policy.severity.block.override = b.override;
    if (isObject(w) && (w.confirm === 'acknowledge' || w.confirm === 'justify')) policy.severity.warn.confirm = w.confirm;
  }
  if (Array.isArray(src.jurisdictions)) policy.jurisdictions = src.jurisdictions.filter((j): j is string => typeof j === 'string');
  if (typeof src.allowFalsePositiveReports === 'boolean') policy.allowFalsePositiveReports = src.allowFalsePositiveReports;
  return policy;
}

/** The first site entry that covers `url`, or null when the policy does not list it. */
export function siteFor(policy: GuardPolicy, url: string): SitePolicy | null {
  for (const site of policy.sites) {
    if (!matchesPattern(site.pattern, url)) continue;
    if (site.urlContains && !url.includes(site.urlContains)) continue;
    return site;
  }
  return null;
}

export async function loadPolicy(): Promise<GuardPolicy> {
  try {
    return resolvePolicy((await browser.storage.local.get(EFFECTIVE_POLICY_KEY))[EFFECTIVE_POLICY_KEY]);
  } catch {
    return DEFAULT_POLICY;
  }
}

export function watchPolicy(onChange: (policy: GuardPolicy) => void): () => void {
  const listener = (changes: Record<string, { newValue?: unknown }>, area: string) => {
    if (area === 'local' && EFFECTIVE_POLICY_KEY in changes) onChange(resolvePolicy(changes[EFFECTIVE_POLICY_KEY]!.newValue));
  };
  browser.storage.onChanged.addListener(listener);
  return () => browser.storage.onChanged.removeListener(listener);
}
