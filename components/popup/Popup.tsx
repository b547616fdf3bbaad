/** The toolbar popup: is the guard on here and why, packs in force, this conversation's recipient, today's counts. */
import { useCallback, useEffect, useState } from 'react';
import { browser } from 'wxt/browser';
import { RECIPIENTS, type CompiledPack, type Recipient } from '../../rules';
import { detectLocale, isUiLocale, UI_LOCALE_KEY, UI_LOCALES, type UiLocale } from '../shared/i18n';
import { loadPacks } from '../../lib/packs/bundled';
import { latestProblem, loadPackStatus, type PackSourceStatus } from '../../lib/packs/status';
import { PACK_STATUS_KEY } from '../../lib/packs/storage-keys';
import { countsForToday, COUNT_KINDS, GUARD_COUNTS_KEY, type DailyCounts } from '../../lib/guard/counts';
import { SET_RECIPIENT_MESSAGE, STATUS_MESSAGE } from '../../lib/guard/content-main';
import type { GuardStatus } from '../../lib/guard/guard';
import { loadPolicy, siteFor } from '../../lib/guard/policy';
import { tr } from './strings';

const LOCALE_NAMES: Record<UiLocale, string> = { 'zh-Hans': '简体中文', 'zh-Hant': '繁體中文', en: 'English' };

interface PageState {
  url: string;
  tabId: number | null;
  status: GuardStatus | null;
  listed: boolean;
  error: string | null;
}

async function targetTab(): Promise<{ id: number | null; url: string }> {
  // ?tab=<id> lets tests (and an options page) point the popup at a given tab.
  const forced = Number(new URLSearchParams(location.search).get('tab'));
  if (forced) {
    const tab = await browser.tabs.get(forced);
    return { id: forced, url: tab.url ?? '' };
  }
  const [tab] = await browser.tabs.query({ active: true, currentWindow: true });
  return { id: tab?.id ?? null, url: tab?.url ?? '' };
}

export function Popup() {
  const [locale, setLocale] = useState<UiLocale>(detectLocale());
  const [page, setPage] = useState<PageState | null>(null);
  const [packs, setPacks] = useState<{ packs: CompiledPack[]; origin: string } | null>(null);
  const [counts, setCounts] = useState<DailyCounts | null>(null);
  const [packProblem, setPackProblem] = useState<PackSourceStatus | null>(null);

  const refresh = useCallback(async () => {
    const [tab, policy] = await Promise.all([targetTab(), loadPolicy()]);
    const listed = !!siteFor(policy, tab.url);
    let status: GuardStatus | null = null;
    let error: string | null = null;
    if (tab.id !== null && /^https?:/.test(tab.url)) {
      try {
        status = ((await browser.tabs.sendMessage(tab.id, { type: STATUS_MESSAGE }, { frameId: 0 })) as GuardStatus | undefined) ?? null;
      } catch (e) {
        error = listed ? (e as Error).message : null;
      }
    }
    setPage({ url: tab.url, tabId: tab.id, status, listed, error });
  }, []);

  useEffect(() => {
    void browser.storage.local.get([UI_LOCALE_KEY, GUARD_COUNTS_KEY]).then((v) => {
      if (isUiLocale(v[UI_LOCALE_KEY])) setLocale(v[UI_LOCALE_KEY]);
      setCounts(countsForToday(v[GUARD_COUNTS_KEY] as DailyCounts | undefined, new Date()));
    });
    void loadPacks().then(setPacks);
    void loadPackStatus().then((s) => setPackProblem(latestProblem(s)));
    void refresh();
    const onChange = (changes: Record<string, { newValue?: unknown }>, area: string) => {
      if (area === 'local' && GUARD_COUNTS_KEY in changes) setCounts(countsForToday(changes[GUARD_COUNTS_KEY]!.newValue as DailyCounts, new Date()));
      if (area === 'local' && PACK_STATUS_KEY in changes) void loadPackStatus().then((s) => setPackProblem(latestProblem(s)));
    };
    browser.storage.onChanged.addListener(onChange);
    return () => browser.storage.onChanged.removeListener(onChange);
  }, [refresh]);

  const chooseLocale = (l: UiLocale) => {
    setLocale(l);
    void browser.storage.local.set({ [UI_LOCALE_KEY]: l });
  };

  const chooseRecipient = async (role: Recipient) => {
    if (page?.tabId == null) return;
    const status = (await browser.tabs.sendMessage(page.tabId, { type: SET_RECIPIENT_MESSAGE, role }, { frameId: 0 })) as GuardStatus;
    setPage({ ...page, status });
  };

  return (
    <main lang={locale === 'en' ? 'en' : locale} style={{ width: 320, padding: 12, font: '13px/1.45 system-ui, "Microsoft YaHei", "PingFang SC", "WenQuanYi Micro Hei", sans-serif', color: '#1f2328' }}>
      <header style={{ display: 'flex', justifyContent: 'space-between', alignItems: 'center' }}>
        <h1 style={{ fontSize: 15, margin: 0 }}>{tr('title', locale)}</h1>
        <label>
          <span style={srOnly}>{tr('language', locale)}</span>
          <select value={locale} aria-label={tr('language', locale)} onChange={(e) => chooseLocale(e.target.value as UiLocale)}>
            {UI_LOCALES.map((l) => (
              <option key={l} value={l}>
                {LOCALE_NAMES[l]}
              </option>
            ))}
          </select>
        </label>
      </header>
      {!page ? <p>{tr('loading', locale)}</p> : <PageSection page={page} locale={locale} onRecipient={chooseRecipient} />}
      <section aria-labelledby="dg-packs">
        <h2 id="dg-packs" style={h2}>
          {tr('packs', locale)}
        </h2>
        {packs && packs.packs.length === 0 && <p>{tr('noPacks', locale)}</p>}
        <ul style={{ margin: 0, paddingLeft: 18 }} data-dg-packs="">
          {packs?.packs.map((p) => (
            <li key={p.pack.id}>
              {p.pack.name[locale] ?? p.pack.name.en} — {p.pack.id} v{p.pack.version} ({packs.origin === 'bundled' ? tr('bundled', locale) : tr('managed', locale)})
            </li>
          ))}
        </ul>
        {packProblem?.lastError && (
          <p role="alert" data-dg-pack-problem="" style={{ color: '#a40e26', margin: '6px 0 0' }}>
            {tr('packRefused', locale, { source: packProblem.source, msg: packProblem.lastError.message })}
          </p>
        )}
      </section>
      <section aria-labelledby="dg-today">
        <h2 id="dg-today" style={h2}>
          {tr('today', locale)}
        </h2>
        <dl style={{ display: 'grid', gridTemplateColumns: '1fr auto', margin: 0, rowGap: 2 }} data-dg-counts="">
          {COUNT_KINDS.map((k) => (
            <div key={k} style={{ display: 'contents' }}>
              <dt>{tr(k, locale)}</dt>
              <dd style={{ margin: 0, textAlign: 'right', fontVariantNumeric: 'tabular-nums' }} data-dg-count={k}>
                {counts?.counts[k] ?? 0}
              </dd>
            </div>
          ))}
        </dl>
      </section>
    </main>
  );
}

function PageSection({ page, locale, onRecipient }: { page: PageState; locale: UiLocale; onRecipient: (r: Recipient) => void }) {
  const s = page.status;
  let head: string;
  let why: string;
  let color = '#57606a';
  if (!/^https?:/.test(page.url)) [head, why] = [tr('inactive', locale), tr('notWeb', locale)];
  else if (!s) [head, why] = [tr('inactive', locale), page.listed ? tr('reload', locale) : tr('notListed', locale)];
  else if (s.reason === 'active') [head, why, color] = [tr('active', locale), tr('activeWhy', locale, { site: s.siteLabel ?? new URL(page.url).host, n: s.composers }), '#1a7f37'];
  else if (s.reason === 'monitor') [head, why, color] = [tr('monitor', locale), tr('monitorWhy', locale), '#bf8700'];
  else if (s.reason === 'off') [head, why] = [tr('off', locale), tr('offWhy', locale)];
  else [head, why] = [tr('inactive', locale), tr('notListed', locale)];
  return (
    <section aria-live="polite" data-dg-status={s?.reason ?? 'none'}>
      <p style={{ margin: '10px 0 2px', fontWeight: 600, color }}>{head}</p>
      <p style={{ margin: 0, color: '#57606a' }}>{why}</p>
      {page.error && (
        <p role="alert" style={{ color: '#a40e26' }}>
          {tr('error', locale, { msg: page.error })}
        </p>
      )}
      {s && s.reason !== 'not-listed' && (
        <label style={{ display: 'block', marginTop: 8 }}>
          {tr('recipient', locale)}{' '}
          <select value={s.recipient} disabled={s.recipientFromPage} data-dg-popup-recipient="" onChange={(e) => onRecipient(e.target.value as Recipient)}>
            {RECIPIENTS.map((r) => (
              <option key={r} value={r}>
                {tr(r, locale)}
              </option>
            ))}
          </select>
          {s.recipientFromPage && <span style={{ color: '#57606a' }}> · {tr('fromPage', locale)}</span>}
        </label>
      )}
    </section>
  );
}

const h2 = { fontSize: 13, margin: '12px 0 4px' } as const;
const srOnly = { position: 'absolute', width: 1, height: 1, overflow: 'hidden', clip: 'rect(0 0 0 0)' } as const;
