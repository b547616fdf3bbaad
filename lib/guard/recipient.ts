/**
 * Who the conversation is with. The console itself when an admin configured where it shows the contact's
 * role; otherwise what the agent chose for this conversation (badge or popup); otherwise unknown.
 */
import { browser } from 'wxt/browser';
import { RECIPIENTS, type Recipient } from '../../rules';
import type { RecipientSource, SitePolicy } from './defaults';

export const RECIPIENTS_KEY = 'draftguard:recipients';

function queryDeep(selector: string): Element | null {
  try {
    return document.querySelector(selector);
  } catch {
    return null;
  }
}

/** Maps the console's shown value through the admin's table ("text" exact, "/re/" pattern). */
export function mapShownRole(shown: string, map: RecipientSource['map']): Recipient | null {
  const value = shown.trim().toLowerCase();
  if (!value) return null;
  for (const [key, role] of Object.entries(map)) {
    if (key.length > 2 && key.startsWith('/') && key.endsWith('/')) {
      try {
        if (new RegExp(key.slice(1, -1), 'i').test(shown)) return role;
      } catch {
        continue;
      }
    } else if (key.toLowerCase() === value) return role;
  }
  return (RECIPIENTS as readonly string[]).includes(value) ? (value as Recipient) : null;
}

export function roleFromPage(site: SitePolicy | null): Recipient | null {
  const src = site?.recipient;
  if (!src) return null;
  const el = queryDeep(src.selector);
  if (!el) return null;
  const shown = src.attribute ? el.getAttribute(src.attribute) ?? '' : (el.textContent ?? '');
  return mapShownRole(shown, src.map);
}

export function conversationId(site: SitePolicy | null): string {
  const conv = site?.conversation;
  if (conv) {
    const el = queryDeep(conv.selector);
    const id = el ? (conv.attribute ? el.getAttribute(conv.attribute) : el.textContent) : null;
    if (id && id.trim()) return id.trim().slice(0, 200);
  }
  return (location.pathname + location.hash).slice(0, 200);
}

export function conversationKey(host: string, conversation: string): string {
  return `${host}|${conversation}`;
}

export async function loadChosenRecipients(): Promise<Record<string, Recipient>> {
  try {
    const v = (await browser.storage.local.get(RECIPIENTS_KEY))[RECIPIENTS_KEY];
    return v && typeof v === 'object' ? (v as Record<string, Recipient>) : {};
  } catch {
    return {};
  }
}

export async function saveChosenRecipient(key: string, role: Recipient): Promise<void> {
  const all = await loadChosenRecipients();
  all[key] = role;
  // Bounded: the oldest conversations go first.
  const keys = Object.keys(all);
  for (const k of keys.slice(0, Math.max(0, keys.length - 500))) delete all[k];
  await browser.storage.local.set({ [RECIPIENTS_KEY]: all });
}
