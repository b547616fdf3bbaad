/** Wires the guard of one frame to storage (packs, policy, recipients, UI language) and to the popup. */
import { browser } from 'wxt/browser';
import { BUNDLED_PACKS, loadPacks, watchPacks } from '../packs/bundled';
import { isUiLocale, UI_LOCALE_KEY } from '../../components/shared/i18n';
import { flushOutbox } from './audit';
import { ComposerGuard } from './guard';
import { loadPolicy, watchPolicy } from './policy';
import { loadChosenRecipients, RECIPIENTS_KEY, saveChosenRecipient } from './recipient';
import { RECIPIENTS, type Recipient } from '../../rules';

export const STATUS_MESSAGE = 'draftguard:guard-status' as const;
export const SET_RECIPIENT_MESSAGE = 'draftguard:set-recipient' as const;

export function startComposerGuard(signal: AbortSignal): ComposerGuard {
  // Synchronous start with the bundled packs and default policy: listeners exist before any page script runs,
  // and a send in the first milliseconds is checked, not waved through.
  const guard = new ComposerGuard(BUNDLED_PACKS, signal);
  guard.onRecipientChosen = (key, role) => void saveChosenRecipient(key, role).catch(() => undefined);
  guard.start();

  void loadPacks().then(({ packs, origin }) => origin === 'storage' && guard.setPacks(packs));
  void loadPolicy().then((p) => guard.setPolicy(p));
  void loadChosenRecipients().then((c) => guard.setChosenRecipients(c));
  void browser.storage.local
    .get(UI_LOCALE_KEY)
    .then((v) => isUiLocale(v[UI_LOCALE_KEY]) && guard.setLocale(v[UI_LOCALE_KEY]))
    .catch(() => undefined);

  // Audit events a closed tab or a restarted worker left undelivered: retried once the page has settled.
  if (window === window.top) setTimeout(() => void flushOutbox(), 2000);

  const offPacks = watchPacks(({ packs }) => guard.setPacks(packs));
  const offPolicy = watchPolicy((p) => guard.setPolicy(p));
  const onStorage = (changes: Record<string, { newValue?: unknown }>, area: string) => {
    if (area !== 'local') return;
    if (RECIPIENTS_KEY in changes) guard.setChosenRecipients((changes[RECIPIENTS_KEY]!.newValue as Record<string, Recipient>) ?? {});
    if (UI_LOCALE_KEY in changes && isUiLocale(changes[UI_LOCALE_KEY]!.newValue)) guard.setLocale(changes[UI_LOCALE_KEY]!.newValue);
  };
  browser.storage.onChanged.addListener(onStorage);

  // The popup talks to the top frame only (frameId 0).
  const onMessage = (message: unknown) => {
    if (window !== window.top || !message || typeof message !== 'object') return undefined;
    const m = message as { type?: string; role?: unknown };
    if (m.type === STATUS_MESSAGE) return Promise.resolve(guard.status());
    if (m.type === SET_RECIPIENT_MESSAGE && (RECIPIENTS as readonly unknown[]).includes(m.role)) {
      const key = guard.chooseRecipient(m.role as Recipient);
      return saveChosenRecipient(key, m.role as Recipient).then(() => guard.status());
    }
    return undefined;
  };
  browser.runtime.onMessage.addListener(onMessage);

  signal.addEventListener('abort', () => {
    offPacks();
    offPolicy();
    browser.storage.onChanged.removeListener(onStorage);
    browser.runtime.onMessage.removeListener(onMessage);
  });
  return guard;
}
