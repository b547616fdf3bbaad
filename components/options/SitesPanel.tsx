import { DEFAULT_SITES } from '../../lib/guard/defaults';
import type { Policy } from '../../lib/policy/schema';
import type { T } from './OptionsApp';

export function SitesPanel({ t, policy }: { t: T; policy: Policy }) {
  return (
    <section aria-labelledby="sites-h">
      <h2 id="sites-h">{t('tabSites')}</h2>
      <p>{t('sitesIntro')}</p>
      {policy.sites.length === 0 ? (
        <p className="dg-note">{t('noSites')}</p>
      ) : (
        <table className="dg-table">
          <thead>
            <tr>
              <th scope="col">{t('setting')}</th>
              <th scope="col">{t('matches')}</th>
              <th scope="col">{t('composer')}</th>
              <th scope="col">{t('sendButton')}</th>
              <th scope="col">{t('sendKeys')}</th>
              <th scope="col">{t('recipientRoles')}</th>
            </tr>
          </thead>
          <tbody>
            {policy.sites.map((s) => (
              <tr key={s.id}>
                <th scope="row">
                  {s.name ?? s.id} <small>({t(s.channel)})</small>
                </th>
                <td>
                  {s.matches.map((m) => (
                    <div key={m}>
                      <code>{m}</code>
                    </div>
                  ))}
                </td>
                <td>
                  <code>{s.composer}</code>
                </td>
                <td>{s.send ? <code>{s.send}</code> : t('none')}</td>
                <td>{s.sendKeys.join(', ')}</td>
                <td>
                  {s.recipient ? (
                    <>
                      <code>{s.recipient.selector}</code>
                      <ul>
                        {s.recipient.map.map((m) => (
                          <li key={m.pattern}>
                            {m.pattern} → {t(m.role)}
                          </li>
                        ))}
                        <li>* → {t(s.recipient.default)}</li>
                      </ul>
                    </>
                  ) : (
                    t('none')
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <details>
        <summary>{t('builtIn', { count: DEFAULT_SITES.length })}</summary>
        <ul>
          {DEFAULT_SITES.map((s, i) => (
            <li key={i}>
              {s.label ?? ''} <code>{s.pattern}</code>
              {s.urlContains ? <code> …{s.urlContains}…</code> : null}
            </li>
          ))}
        </ul>
      </details>
    </section>
  );
}
