/**
 * The options page: effective policy (and what is managed or locked), packs and their update status, a rule
 * browser, a "try a sentence" box that runs the engine in the page, and the site adapters.
 */
import { useEffect, useMemo, useState, type KeyboardEvent } from 'react';
import { browser } from 'wxt/browser';
import { BUNDLED_PACKS, looksLikePacks } from '../../lib/packs/bundled';
import type { PackStatus } from '../../lib/packs/status';
import { ACTIVE_PACKS_KEY, AGENT_ID_KEY, EFFECTIVE_POLICY_KEY, LOCAL_POLICY_KEY, PACK_STATUS_KEY, POLICY_META_KEY } from '../../lib/packs/storage-keys';
import { DEFAULT_POLICY, type Policy } from '../../lib/policy/schema';
import type { PolicyMeta, PublishedPolicy } from '../../lib/policy/store';
import { detectLocale, isUiLocale, UI_LOCALE_KEY, UI_LOCALES, type UiLocale } from '../shared/i18n';
import { PacksPanel } from './PacksPanel';
import { PolicyPanel } from './PolicyPanel';
import { RuleBrowser } from './RuleBrowser';
import { SitesPanel } from './SitesPanel';
import { tr, type OptionsKey } from './strings';
import { TryPanel } from './TryPanel';
import { useLocalStorage } from './useStorage';

const KEYS = [EFFECTIVE_POLICY_KEY, POLICY_META_KEY, PACK_STATUS_KEY, ACTIVE_PACKS_KEY, LOCAL_POLICY_KEY, AGENT_ID_KEY, UI_LOCALE_KEY] as const;
const TABS = ['policy', 'packs', 'rules', 'try', 'sites'] as const;
type Tab = (typeof TABS)[number];
const TAB_LABEL: Record<Tab, OptionsKey> = { policy: 'tabPolicy', packs: 'tabPacks', rules: 'tabRules', try: 'tabTry', sites: 'tabSites' };
const LOCALE_NAMES: Record<UiLocale, string> = { 'zh-Hans': '简体中文', 'zh-Hant': '繁體中文', en: 'English' };

function initialTab(): Tab {
  const hash = location.hash.slice(1);
  return (TABS as readonly string[]).includes(hash) ? (hash as Tab) : 'policy';
}

export function OptionsApp() {
  const { values, loaded } = useLocalStorage(KEYS);
  const [tab, setTab] = useState<Tab>(initialTab);
  const published = values[EFFECTIVE_POLICY_KEY] as PublishedPolicy | undefined;
  const policy: Policy = useMemo(() => (published ? (({ guard: _g, ...rest }) => rest)(published) : DEFAULT_POLICY), [published]);
  const meta = (values[POLICY_META_KEY] as PolicyMeta | undefined) ?? null;
  const status = (values[PACK_STATUS_KEY] as PackStatus | undefined) ?? null;
  const stored = values[ACTIVE_PACKS_KEY];
  const packs = useMemo(() => (looksLikePacks(stored) ? stored : BUNDLED_PACKS), [stored]);

  const chosen = values[UI_LOCALE_KEY];
  const locale: UiLocale = isUiLocale(chosen) ? chosen : policy.defaults.locale !== 'auto' ? policy.defaults.locale : detectLocale();
  const t = (key: OptionsKey, vars?: Record<string, string | number>) => tr(key, locale, vars);

  useEffect(() => {
    document.documentElement.lang = locale;
    document.title = t('title');
  });
  useEffect(() => {
    history.replaceState(null, '', `#${tab}`);
  }, [tab]);
  useEffect(() => {
    const onHash = () => setTab(initialTab());
    window.addEventListener('hashchange', onHash);
    return () => window.removeEventListener('hashchange', onHash);
  }, []);

  // Arrow keys move between tabs (WAI-ARIA tabs pattern).
  const onTabKey = (e: KeyboardEvent<HTMLButtonElement>) => {
    const i = TABS.indexOf(tab);
    const next = e.key === 'ArrowRight' ? TABS[(i + 1) % TABS.length] : e.key === 'ArrowLeft' ? TABS[(i + TABS.length - 1) % TABS.length] : null;
    if (!next) return;
    e.preventDefault();
    setTab(next);
    document.getElementById(`tab-${next}`)?.focus();
  };

  return (
    <div className="dg-options">
      <header>
        <h1>{t('title')}</h1>
        <label>
          {t('language')}{' '}
          <select value={locale} onChange={(e) => void browser.storage.local.set({ [UI_LOCALE_KEY]: e.target.value })}>
            {UI_LOCALES.map((l) => (
              <option key={l} value={l}>
                {LOCALE_NAMES[l]}
              </option>
            ))}
          </select>
        </label>
      </header>
      <nav role="tablist" aria-label={t('title')}>
        {TABS.map((id) => (
          <button
            key={id}
            id={`tab-${id}`}
            role="tab"
            aria-selected={tab === id}
            aria-controls={`panel-${id}`}
            tabIndex={tab === id ? 0 : -1}
            onClick={() => setTab(id)}
            onKeyDown={onTabKey}
          >
            {t(TAB_LABEL[id])}
          </button>
        ))}
      </nav>
      <main id={`panel-${tab}`} role="tabpanel" aria-labelledby={`tab-${tab}`} tabIndex={0}>
        {!loaded ? (
          <p role="status">{t('loading')}</p>
        ) : tab === 'policy' ? (
          <PolicyPanel t={t} policy={policy} meta={meta} localPolicy={values[LOCAL_POLICY_KEY]} agentId={values[AGENT_ID_KEY]} />
        ) : tab === 'packs' ? (
          <PacksPanel t={t} policy={policy} status={status} packs={packs} locale={locale} />
        ) : tab === 'rules' ? (
          <RuleBrowser t={t} packs={packs} locale={locale} />
        ) : tab === 'try' ? (
          <TryPanel t={t} packs={packs} policy={policy} locale={locale} />
        ) : (
          <SitesPanel t={t} policy={policy} />
        )}
      </main>
    </div>
  );
}

export type T = (key: OptionsKey, vars?: Record<string, string | number>) => string;
