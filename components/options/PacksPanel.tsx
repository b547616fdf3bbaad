import { useState } from 'react';
import { browser } from 'wxt/browser';
import type { CompiledPack } from '../../rules';
import type { PackSourceStatus, PackStatus } from '../../lib/packs/status';
import { PACKS_REFRESH_MESSAGE } from '../../lib/policy/messages';
import type { Policy } from '../../lib/policy/schema';
import type { UiLocale } from '../shared/i18n';
import type { T } from './OptionsApp';

interface Props {
  t: T;
  policy: Policy;
  status: PackStatus | null;
  packs: CompiledPack[];
  locale: UiLocale;
}

function when(iso: string | null | undefined, locale: UiLocale, never: string): string {
  if (!iso) return never;
  return new Date(iso).toLocaleString(locale === 'en' ? 'en-GB' : locale === 'zh-Hant' ? 'zh-TW' : 'zh-CN');
}

export function PacksPanel({ t, policy, status, packs, locale }: Props) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const checkNow = async () => {
    setBusy(true);
    setError(null);
    try {
      await browser.runtime.sendMessage({ type: PACKS_REFRESH_MESSAGE });
    } catch (e) {
      setError(t('checkFailed', { error: (e as Error).message }));
    } finally {
      setBusy(false);
    }
  };
  const nameOf = (id: string | null) => {
    const p = packs.find((x) => x.pack.id === id);
    return p ? (p.pack.name[locale] ?? p.pack.name['zh-Hans'] ?? id) : (id ?? t('none'));
  };
  // Before the background's first run, show the bundled packs in force.
  const rows: PackSourceStatus[] =
    status?.sources ??
    packs.map((p) => ({ source: 'bundled', packId: p.pack.id, version: p.pack.version, inForce: true, state: 'ok', lastCheck: null, lastSuccess: null, lastError: null }));

  return (
    <section aria-labelledby="packs-h">
      <h2 id="packs-h">{t('tabPacks')}</h2>
      <p>{t('packsIntro')}</p>
      {policy.packs.remote.length === 0 && <p className="dg-note">{t('noRemote')}</p>}
      {policy.packs.remote.length > 0 && policy.packs.trustedKeys.length === 0 && (
        <p role="alert" className="dg-error">
          {t('noKeys')}
        </p>
      )}
      <table className="dg-table" data-testid="packs-table">
        <thead>
          <tr>
            <th scope="col">{t('pack')}</th>
            <th scope="col">{t('version')}</th>
            <th scope="col">{t('source')}</th>
            <th scope="col">{t('status')}</th>
            <th scope="col">{t('lastCheck')}</th>
            <th scope="col">{t('lastError')}</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((s) => (
            <tr key={`${s.source}:${s.packId}`} data-source={s.source} data-state={s.state} data-version={s.version ?? ''}>
              <td>
                {nameOf(s.packId)} <code>{s.packId}</code>
              </td>
              <td>{s.version ?? t('none')}</td>
              <td>{s.source === 'bundled' ? t('bundled') : <code>{s.source}</code>}</td>
              <td>
                <span className={`dg-state dg-state-${s.state}`}>{t(`state_${s.state}`)}</span>
                {s.version !== null && <> · {s.inForce ? t('inForce') : t('superseded')}</>}
                {s.rollout && <div>{t('rollout', { percent: s.rollout.percent, bucket: s.rollout.bucket })}</div>}
              </td>
              <td>{s.source === 'bundled' ? t('none') : when(s.lastCheck, locale, t('never'))}</td>
              <td className="dg-last-error">
                {s.lastError ? (
                  <>
                    <code>{s.lastError.code}</code> {s.lastError.message}
                    <div>
                      <small>{when(s.lastError.at, locale, '')}</small>
                    </div>
                  </>
                ) : (
                  t('none')
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <p>
        <button type="button" data-testid="check-now" onClick={() => void checkNow()} disabled={busy} aria-busy={busy}>
          {busy ? t('checking') : t('checkNow')}
        </button>
      </p>
      {error && (
        <p role="alert" className="dg-error">
          {error}
        </p>
      )}
      <h3>{t('trustedKeys')}</h3>
      {policy.packs.trustedKeys.length === 0 ? (
        <p>{t('none')}</p>
      ) : (
        <ul>
          {policy.packs.trustedKeys.map((k) => (
            <li key={k.id}>
              <code>{k.id}</code> {k.alg} {k.name ?? ''}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
