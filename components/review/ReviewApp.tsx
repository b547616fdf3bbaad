/**
 * The QA review page: loads the columnar summary of every audit record at once (see lib/audit/summary.ts),
 * filters it in memory, and fetches a full record only when it is opened. Labels are written straight to
 * IndexedDB (same extension origin as the service worker).
 */
import { useCallback, useEffect, useLayoutEffect, useMemo, useRef, useState } from 'react';
import { browser } from 'wxt/browser';
import { openAuditDb, type AuditDb } from '../../lib/audit/db';
import { describeProblem, ImportError, parseJsonl, toCorpus, toCsv, toJsonl } from '../../lib/audit/exchange';
import { applyFilter, computeStats, newestFirst, type AuditFilter } from '../../lib/audit/query';
import { allLabels, allRecords, getLabel, getRecordAt, importRecords, loadTable, setLabel } from '../../lib/audit/store';
import { statusCode, type AuditTable } from '../../lib/audit/summary';
import { AUDIT_HEALTH_KEY, type AuditHealth, type AuditRecord, type ReviewLabel, type ReviewStatus } from '../../lib/audit/types';
import { verifyStore } from '../../lib/audit/verify-store';
import { detectLocale, isUiLocale, UI_LOCALE_KEY, UI_LOCALES, type UiLocale } from '../shared/i18n';
import { Charts } from './Charts';
import { DetailPanel } from './DetailPanel';
import { download, stamp } from './download';
import { Filters } from './Filters';
import { QueueTable } from './QueueTable';
import { loadRuleInfo, type RuleInfo } from './rule-info';
import { tr, type ReviewKey } from './strings';

/** Timings read by the benchmark (tests/bench/review-bench.ts) and shown nowhere else. */
const timings: Record<string, number> = ((globalThis as { __draftguardReview?: Record<string, number> }).__draftguardReview = {});

async function openAndLoad(): Promise<{ db: AuditDb; table: AuditTable }> {
  const t0 = performance.now();
  const db = await openAuditDb();
  timings.dbOpenMs = performance.now() - t0;
  const t1 = performance.now();
  const table = await loadTable(db);
  timings.loadMs = performance.now() - t1;
  return { db, table };
}

/**
 * Started when this module is evaluated, before React mounts: the IndexedDB reads then overlap React's
 * start-up and first render instead of following them.
 */
let initial: Promise<{ db: AuditDb; table: AuditTable }> | undefined = openAndLoad();
initial.catch(() => undefined);

/** Calls `fn` at most every `ms` (progress notices: a state update per hashed batch would only cost renders). */
function throttle<A extends unknown[]>(fn: (...args: A) => void, ms = 100): (...args: A) => void {
  let last = 0;
  return (...args: A) => {
    const now = performance.now();
    if (now - last < ms) return;
    last = now;
    fn(...args);
  };
}

type Notice = { kind: 'info' | 'error' | 'ok'; text: string } | undefined;

export function ReviewApp({ startedAt }: { startedAt: number }) {
  const [locale, setLocale] = useState<UiLocale>(detectLocale());
  const t = useCallback((k: ReviewKey, vars?: Record<string, string | number>) => tr(k, locale, vars), [locale]);
  const [db, setDb] = useState<AuditDb>();
  const [table, setTable] = useState<AuditTable>();
  const [loadError, setLoadError] = useState<string>();
  const [filter, setFilter] = useState<AuditFilter>({});
  const [version, setVersion] = useState(0);
  const [selected, setSelected] = useState(-1);
  const [record, setRecord] = useState<AuditRecord>();
  const [label, setLabelState] = useState<ReviewLabel>();
  const [comment, setComment] = useState('');
  const [saveError, setSaveError] = useState<string>();
  const [notice, setNotice] = useState<Notice>();
  const [health, setHealth] = useState<AuditHealth>({});
  const [ruleInfo, setRuleInfo] = useState<Map<string, RuleInfo>>(new Map());
  const filterStarted = useRef<number | undefined>(undefined);
  const commentRef = useRef<HTMLTextAreaElement>(null);

  const reload = useCallback(async (d: AuditDb) => {
    const t0 = performance.now();
    const next = await loadTable(d);
    timings.loadMs = performance.now() - t0;
    setTable(next);
  }, []);

  useEffect(() => {
    // The first mount takes the load started at module evaluation; a remount (React dev mode) loads anew.
    const first = initial ?? openAndLoad();
    initial = undefined;
    first
      .then(({ db: d, table: loaded }) => {
        setDb(d);
        setTable(loaded);
      })
      .catch((e: Error) => setLoadError(`${e.name}: ${e.message}`));
    void loadRuleInfo().then(setRuleInfo);
    void browser.storage.local.get([UI_LOCALE_KEY, AUDIT_HEALTH_KEY]).then((s) => {
      if (isUiLocale(s[UI_LOCALE_KEY])) setLocale(s[UI_LOCALE_KEY]);
      setHealth((s[AUDIT_HEALTH_KEY] as AuditHealth | undefined) ?? {});
    });
    const onChanged = (changes: Record<string, { newValue?: unknown }>, area: string) => {
      if (area === 'local' && changes[AUDIT_HEALTH_KEY]) setHealth((changes[AUDIT_HEALTH_KEY].newValue as AuditHealth | undefined) ?? {});
    };
    browser.storage.onChanged.addListener(onChanged);
    return () => browser.storage.onChanged.removeListener(onChanged);
  }, [reload]);

  useEffect(() => {
    document.documentElement.lang = locale;
    document.title = tr('title', locale);
  }, [locale]);

  const order = useMemo(() => (table ? newestFirst(table) : new Uint32Array(0)), [table]);
  // `version` changes when a label changes a row's status in place.
  const rows = useMemo(() => {
    const t0 = performance.now();
    const out = table ? applyFilter(table, order, filter) : new Uint32Array(0);
    timings.filterComputeMs = performance.now() - t0;
    return out;
  }, [table, order, filter, version]);
  const stats = useMemo(() => {
    const t0 = performance.now();
    const out = table ? computeStats(table, rows) : undefined;
    timings.statsComputeMs = performance.now() - t0;
    return out;
  }, [table, rows, version]);

  useLayoutEffect(() => {
    if (!table) return;
    const now = performance.now();
    if (timings.readyMs === undefined) {
      // performance.now() counts from the navigation start: the page's whole opening, HTML and script included.
      timings.readyMs = now;
      timings.scriptToReadyMs = now - startedAt;
      timings.rows = table.n;
      requestAnimationFrame(() => {
        timings.readyPaintMs = performance.now();
        document.body.dataset.ready = '1';
      });
    }
    if (filterStarted.current !== undefined) {
      const t0 = filterStarted.current;
      filterStarted.current = undefined;
      timings.filterMs = now - t0;
      requestAnimationFrame(() => {
        timings.filterPaintMs = performance.now() - t0;
        document.body.dataset.filtered = String(Number(document.body.dataset.filtered ?? 0) + 1);
      });
    }
  }, [table, rows]);

  const changeFilter = (f: AuditFilter) => {
    filterStarted.current = performance.now();
    setFilter(f);
    setSelected(rows.length ? 0 : -1);
  };

  const current = table && selected >= 0 && selected < rows.length ? rows[selected] : undefined;
  useEffect(() => {
    if (!db || !table || current === undefined) {
      setRecord(undefined);
      setLabelState(undefined);
      return;
    }
    let live = true;
    void getRecordAt(db, table.dict.chains[table.chain[current]], table.seq[current]).then(async (r) => {
      const l = r ? await getLabel(db, r.id) : undefined;
      if (!live) return;
      setRecord(r);
      setLabelState(l);
      setComment(l?.comment ?? '');
      setSaveError(undefined);
    });
    return () => {
      live = false;
    };
  }, [db, table, current]);

  const applyLabel = useCallback(
    async (status: ReviewStatus | null, text = comment) => {
      if (!db || !table || !record || current === undefined) return;
      try {
        const next = status ? { status, comment: text, at: Date.now() } : null;
        await setLabel(db, record.id, next);
        table.status[current] = statusCode(status ?? undefined);
        setLabelState(next ? { ...next, id: record.id } : undefined);
        if (!next) setComment('');
        setSaveError(undefined);
        setVersion((v) => v + 1);
      } catch (e) {
        setSaveError(`${(e as Error).name}: ${(e as Error).message}`);
      }
    },
    [db, table, record, current, comment],
  );

  // Label shortcuts work anywhere except while typing.
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      const target = e.target as HTMLElement;
      if (e.ctrlKey || e.metaKey || e.altKey || /^(INPUT|TEXTAREA|SELECT)$/.test(target.tagName)) return;
      const map: Record<string, ReviewStatus | null> = { c: 'confirmed', f: 'false_positive', n: 'needs_coaching', u: null };
      const key = e.key.toLowerCase();
      if (key in map && record) {
        e.preventDefault();
        void applyLabel(map[key]);
      } else if (e.key === '/' && record) {
        e.preventDefault();
        commentRef.current?.focus();
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [applyLabel, record]);

  const chooseLocale = (l: UiLocale) => {
    setLocale(l);
    void browser.storage.local.set({ [UI_LOCALE_KEY]: l });
  };

  const busy = async (text: string, work: () => Promise<Notice>) => {
    setNotice({ kind: 'info', text });
    try {
      setNotice(await work());
    } catch (e) {
      setNotice({ kind: 'error', text: (e as Error).message });
    }
  };

  const labelsMap = async (d: AuditDb) => new Map((await allLabels(d)).map((l) => [l.id, l]));

  const exportJsonl = () =>
    db &&
    busy(t('exporting'), async () => {
      const records = await allRecords(db);
      download(`draftguard-audit-${stamp()}.jsonl`, toJsonl(records), 'application/x-ndjson');
      return { kind: 'ok', text: t('exported', { n: records.length }) };
    });

  const exportCsv = () =>
    db &&
    table &&
    busy(t('exporting'), async () => {
      const wanted = new Set<string>();
      for (const i of rows) wanted.add(`${table.chain[i]}:${table.seq[i]}`);
      const chainIndex = new Map(table.dict.chains.map((c, i) => [c, i]));
      const records = (await allRecords(db)).filter((r) => wanted.has(`${chainIndex.get(r.chain)}:${r.seq}`)).sort((a, b) => b.time - a.time);
      download(`draftguard-audit-${stamp()}.csv`, toCsv(records, await labelsMap(db)), 'text/csv;charset=utf-8');
      return { kind: 'ok', text: t('exported', { n: records.length }) };
    });

  const exportCorpus = () =>
    db &&
    busy(t('exporting'), async () => {
      const labels = await labelsMap(db);
      const records = (await Promise.all([...labels.keys()].map((id) => db.get('records', id)))).flatMap((s) => (s ? [s.record] : []));
      const lines = toCorpus(records, labels);
      download(`draftguard-qa-corpus-${stamp()}.jsonl`, lines.map((l) => JSON.stringify(l)).join('\n') + (lines.length ? '\n' : ''), 'application/x-ndjson');
      return { kind: 'ok', text: t('exported', { n: lines.length }) };
    });

  const importFile = (file: File) =>
    db &&
    busy(t('importing'), async () => {
      try {
        const t0 = performance.now();
        const text = await file.text();
        const checking = throttle((done: number, total: number) => setNotice({ kind: 'info', text: t('importChecking', { done, total }) }));
        const records = await parseJsonl(text, checking);
        const t1 = performance.now();
        const storing = throttle((done: number) => setNotice({ kind: 'info', text: t('importStoring', { done, total: records.length }) }));
        const { added, skipped } = await importRecords(db, records, storing);
        const t2 = performance.now();
        await reload(db);
        timings.importParseVerifyMs = t1 - t0;
        timings.importStoreMs = t2 - t1;
        return { kind: 'ok', text: t('imported', { added, skipped }) };
      } catch (e) {
        if (e instanceof ImportError) return { kind: 'error', text: t('importError', { error: e.message }) };
        throw e;
      }
    });

  const verify = () =>
    db &&
    busy(t('verifying', { done: 0 }), async () => {
      const report = await verifyStore(db, throttle((done: number) => setNotice({ kind: 'info', text: t('verifying', { done }) })));
      return report.ok
        ? { kind: 'ok', text: t('chainOk', { n: report.records, chains: report.chains }) }
        : { kind: 'error', text: t('chainBad', { problem: report.problems.slice(0, 3).map(describeProblem).join('; ') }) };
    });

  return (
    <div className="review">
      <header>
        <h1>{t('title')}</h1>
        <div className="toolbar">
          <label htmlFor="locale">{t('language')}</label>
          <select id="locale" value={locale} onChange={(e) => chooseLocale(e.target.value as UiLocale)}>
            {UI_LOCALES.map((l) => (
              <option key={l} value={l}>{l === 'en' ? 'English' : l === 'zh-Hans' ? '简体中文' : '繁體中文'}</option>
            ))}
          </select>
          <button type="button" onClick={verify} disabled={!db}>{t('verify')}</button>
          <button type="button" onClick={exportJsonl} disabled={!db}>{t('exportJsonl')}</button>
          <button type="button" onClick={exportCsv} disabled={!db}>{t('exportCsv')}</button>
          <button type="button" onClick={exportCorpus} disabled={!db}>{t('exportCorpus')}</button>
          <label className="file-button">
            {t('import')}
            <input
              type="file"
              accept=".jsonl,.ndjson,application/x-ndjson"
              data-testid="import"
              onChange={(e) => {
                const file = e.target.files?.[0];
                e.target.value = '';
                if (file) void importFile(file);
              }}
            />
          </label>
        </div>
        {health.storageError && (
          <p role="alert" className="banner error">{t('storageError', { name: health.storageError.name, message: health.storageError.message })}</p>
        )}
        <p className="banner sink" data-testid="sink-status">
          {health.sink
            ? health.sink.pending > 0 && health.sink.lastError
              ? t('sinkPending', { url: health.sink.url, pending: health.sink.pending, error: health.sink.lastError, next: health.sink.nextRetryAt ? new Date(health.sink.nextRetryAt).toLocaleTimeString() : '—' })
              : t('sinkOk', { url: health.sink.url })
            : t('noSink')}
        </p>
        {notice && (
          <p role={notice.kind === 'error' ? 'alert' : 'status'} className={`banner ${notice.kind}`} data-testid="notice">{notice.text}</p>
        )}
      </header>
      {loadError ? (
        <p role="alert" className="banner error">{t('loadError', { error: loadError })}</p>
      ) : !table ? (
        <p role="status">{t('loading')}</p>
      ) : (
        <>
          <Filters table={table} filter={filter} locale={locale} onChange={changeFilter} />
          <p className="count" role="status" data-testid="count">{t('count', { shown: rows.length, total: table.n })}</p>
          <p className="hint">{t('shortcuts')}</p>
          <main className="split">
            {table.n === 0 ? (
              <p className="empty">{t('empty')}</p>
            ) : rows.length === 0 ? (
              <p className="empty">{t('noMatch')}</p>
            ) : (
              <QueueTable table={table} rows={rows} selected={selected} locale={locale} onSelect={(i) => setSelected(i)} onOpen={() => commentRef.current?.scrollIntoView({ block: 'nearest' })} />
            )}
            <DetailPanel
              ref={commentRef}
              record={record}
              label={label}
              locale={locale}
              ruleInfo={ruleInfo}
              comment={comment}
              onComment={setComment}
              onLabel={(s) => void applyLabel(s)}
              onCommentDone={() => label && comment !== label.comment && void applyLabel(label.status)}
              error={saveError}
            />
          </main>
          {stats && <Charts stats={stats} table={table} locale={locale} />}
        </>
      )}
    </div>
  );
}
