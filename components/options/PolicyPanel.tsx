import { useState } from 'react';
import { browser } from 'wxt/browser';
import { AGENT_ID_KEY, LOCAL_POLICY_KEY } from '../../lib/packs/storage-keys';
import { applyLocalEdit, exportPolicy, importLocalPolicy, mergePolicy, type SettingSource } from '../../lib/policy/merge';
import { ENFORCEMENT_MODES, POLICY_KEYS, type Policy, type PolicyKey } from '../../lib/policy/schema';
import { readLocalPolicy, readManagedPolicy, type PolicyMeta } from '../../lib/policy/store';
import type { T } from './OptionsApp';

const SOURCE_LABEL: Record<SettingSource, 'fromDefault' | 'fromLocal' | 'fromManaged'> = { default: 'fromDefault', local: 'fromLocal', managed: 'fromManaged' };

async function currentEffective() {
  const managed = await readManagedPolicy();
  const local = await readLocalPolicy();
  return { effective: mergePolicy(managed.value, local), local };
}

function summary(value: unknown): string {
  const text = JSON.stringify(value);
  return text.length > 160 ? `${text.slice(0, 157)}…` : text;
}

interface Props {
  t: T;
  policy: Policy;
  meta: PolicyMeta | null;
  localPolicy: unknown;
  agentId: unknown;
}

export function PolicyPanel({ t, policy, meta, agentId }: Props) {
  const locked = new Set<PolicyKey>(meta?.locked ?? policy.locked);
  const [message, setMessage] = useState<{ kind: 'ok' | 'error'; lines: string[] } | null>(null);
  const [json, setJson] = useState('');
  const [exported, setExported] = useState<string | null>(null);
  const [mode, setMode] = useState(policy.mode);
  const [refresh, setRefresh] = useState(String(policy.refreshMinutes));
  const [agent, setAgent] = useState(typeof agentId === 'string' ? agentId : '');

  const saveQuick = async () => {
    try {
      const { effective, local } = await currentEffective();
      const edit: Partial<Record<PolicyKey, unknown>> = {};
      if (!effective.locked.includes('mode')) edit.mode = mode;
      const minutes = Number(refresh);
      if (!effective.locked.includes('refreshMinutes')) {
        if (!Number.isInteger(minutes) || minutes < 1 || minutes > 1440) throw new Error(`${t('refreshMinutes')}: 1–1440`);
        edit.refreshMinutes = minutes;
      }
      await browser.storage.local.set({ [LOCAL_POLICY_KEY]: applyLocalEdit(local, edit, effective) });
      setMessage({ kind: 'ok', lines: [t('saved')] });
    } catch (e) {
      setMessage({ kind: 'error', lines: [(e as Error).message] });
    }
  };

  const doImport = async () => {
    let parsed: unknown;
    try {
      parsed = JSON.parse(json);
    } catch (e) {
      setMessage({ kind: 'error', lines: [t('notJson', { error: (e as Error).message })] });
      return;
    }
    try {
      const { effective, local } = await currentEffective();
      const result = importLocalPolicy(local, parsed, effective);
      const invalid = result.problems.filter((p) => !p.message.includes('unknown setting'));
      if (invalid.length) {
        setMessage({ kind: 'error', lines: [t('importInvalid'), ...invalid.map((p) => `${p.key}: ${p.message}`)] });
        return;
      }
      await browser.storage.local.set({ [LOCAL_POLICY_KEY]: result.local });
      const lines = [t('imported')];
      if (result.kept.length) lines.push(t('importKept', { keys: result.kept.join(', ') }));
      for (const p of result.problems) lines.push(`${p.key}: ${p.message}`);
      setMessage({ kind: 'ok', lines });
    } catch (e) {
      setMessage({ kind: 'error', lines: [t('importInvalid'), (e as Error).message] });
    }
  };

  const doExport = async () => {
    const { effective } = await currentEffective();
    setExported(JSON.stringify(exportPolicy(effective), null, 2));
  };

  const agentEditable = policy.agentIdentity.source === 'prompt' || policy.agentIdentity.source === 'page';

  return (
    <section aria-labelledby="policy-h">
      <h2 id="policy-h">{t('tabPolicy')}</h2>
      <p>{t('policyIntro')}</p>
      {meta && !Object.values(meta.sources).includes('managed') && <p className="dg-note">{t('noManaged')}</p>}
      {meta && meta.problems.length > 0 && (
        <div role="alert" className="dg-error">
          <strong>{t('problems')}</strong>
          <ul>
            {meta.problems.map((p, i) => (
              <li key={i}>
                {p.source} · {p.key}: {p.message}
              </li>
            ))}
          </ul>
        </div>
      )}
      <table className="dg-table" data-testid="policy-table">
        <thead>
          <tr>
            <th scope="col">{t('setting')}</th>
            <th scope="col">{t('value')}</th>
            <th scope="col">{t('origin')}</th>
          </tr>
        </thead>
        <tbody>
          {POLICY_KEYS.map((key) => (
            <tr key={key} data-setting={key}>
              <th scope="row">{key}</th>
              <td>
                <code>{summary(policy[key])}</code>
              </td>
              <td>
                {t(SOURCE_LABEL[meta?.sources[key] ?? 'default'])}
                {locked.has(key) && (
                  <span className="dg-lock" data-locked="true">
                    {' '}{t('locked')}
                  </span>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>

      <h3>{t('quickSettings')}</h3>
      <div className="dg-form">
        <label>
          {t('mode')}{' '}
          <select value={mode} disabled={locked.has('mode')} onChange={(e) => setMode(e.target.value as Policy['mode'])}>
            {ENFORCEMENT_MODES.map((m) => (
              <option key={m} value={m}>
                {t(`mode_${m}`)}
              </option>
            ))}
          </select>
          {locked.has('mode') && <span className="dg-lock"> {t('locked')}</span>}
        </label>
        <label>
          {t('refreshMinutes')}{' '}
          <input type="number" min={1} max={1440} value={refresh} disabled={locked.has('refreshMinutes')} onChange={(e) => setRefresh(e.target.value)} />
          {locked.has('refreshMinutes') && <span className="dg-lock"> {t('locked')}</span>}
        </label>
        <button type="button" onClick={() => void saveQuick()} disabled={locked.has('mode') && locked.has('refreshMinutes')}>
          {t('save')}
        </button>
      </div>

      {agentEditable && (
        <div className="dg-form">
          <label>
            {t('agentId')}{' '}
            <input value={agent} onChange={(e) => setAgent(e.target.value)} aria-describedby="agent-hint" />
          </label>
          <button type="button" onClick={() => void browser.storage.local.set({ [AGENT_ID_KEY]: agent.trim() }).then(() => setMessage({ kind: 'ok', lines: [t('saved')] }))}>
            {t('save')}
          </button>
          <small id="agent-hint">{t('agentIdHint')}</small>
        </div>
      )}

      <h3>{t('importExport')}</h3>
      <p>{t('importHint')}</p>
      <div className="dg-form dg-column">
        <label htmlFor="policy-json">{t('policyJson')}</label>
        <textarea id="policy-json" data-testid="policy-json" rows={8} value={json} onChange={(e) => setJson(e.target.value)} spellCheck={false} />
        <div>
          <label>
            {t('chooseFile')}{' '}
            <input type="file" accept="application/json,.json" onChange={(e) => void e.target.files?.[0]?.text().then(setJson)} />
          </label>{' '}
          <button type="button" data-testid="policy-import" onClick={() => void doImport()} disabled={!json.trim()}>
            {t('import')}
          </button>{' '}
          <button type="button" onClick={() => void doExport()}>
            {t('export')}
          </button>
        </div>
      </div>
      {message && (
        <div role={message.kind === 'error' ? 'alert' : 'status'} className={message.kind === 'error' ? 'dg-error' : 'dg-ok'} data-testid="policy-message">
          {message.lines.map((l, i) => (
            <div key={i}>{l}</div>
          ))}
        </div>
      )}
      {exported !== null && (
        <div className="dg-form dg-column">
          <textarea readOnly rows={8} value={exported} aria-label={t('export')} />
          <a href={`data:application/json;charset=utf-8,${encodeURIComponent(exported)}`} download="draftguard-policy.json">
            {t('download')}
          </a>
        </div>
      )}
    </section>
  );
}
