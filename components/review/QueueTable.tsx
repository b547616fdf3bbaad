/**
 * The review queue: a virtualised grid (only the visible rows are in the DOM), so 100,000 rows scroll and
 * filter smoothly. Rows are focusable with a roving tabindex; ↑/↓, PageUp/PageDown, Home/End move.
 */
import { useVirtualizer } from '@tanstack/react-virtual';
import { useEffect, useRef } from 'react';
import { CATEGORIES } from '../../rules/engine/types';
import { statusOf, type AuditTable } from '../../lib/audit/summary';
import { AUDIT_ACTIONS } from '../../lib/audit/types';
import type { UiLocale } from '../shared/i18n';
import { tr } from './strings';

interface Props {
  table: AuditTable;
  rows: Uint32Array;
  selected: number;
  locale: UiLocale;
  onSelect: (index: number, focus: boolean) => void;
  onOpen: () => void;
}

const ROW_HEIGHT = 30;
const fmt = new Intl.DateTimeFormat(undefined, { year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit' });

export function QueueTable({ table, rows, selected, locale, onSelect, onOpen }: Props) {
  const scrollRef = useRef<HTMLDivElement>(null);
  const virtualizer = useVirtualizer({ count: rows.length, getScrollElement: () => scrollRef.current, estimateSize: () => ROW_HEIGHT, overscan: 12 });
  const focusWanted = useRef(false);

  useEffect(() => {
    if (selected < 0) return;
    virtualizer.scrollToIndex(selected, { align: 'auto' });
    if (focusWanted.current) {
      focusWanted.current = false;
      requestAnimationFrame(() => scrollRef.current?.querySelector<HTMLElement>(`[data-index="${selected}"]`)?.focus());
    }
  }, [selected, virtualizer]);

  const move = (to: number) => {
    if (rows.length === 0) return;
    focusWanted.current = true;
    onSelect(Math.max(0, Math.min(rows.length - 1, to)), true);
  };

  const onKeyDown = (e: React.KeyboardEvent) => {
    const page = Math.max(1, Math.floor((scrollRef.current?.clientHeight ?? 300) / ROW_HEIGHT) - 1);
    const at = selected < 0 ? -1 : selected;
    const keys: Record<string, () => void> = {
      ArrowDown: () => move(at + 1),
      ArrowUp: () => move(at - 1),
      PageDown: () => move(at + page),
      PageUp: () => move(at - page),
      Home: () => move(0),
      End: () => move(rows.length - 1),
      Enter: onOpen,
    };
    const run = keys[e.key];
    if (run) {
      e.preventDefault();
      run();
    }
  };

  const t = (k: Parameters<typeof tr>[0]) => tr(k, locale);
  return (
    <div className="queue" role="grid" aria-label={t('table')} aria-rowcount={rows.length + 1} onKeyDown={onKeyDown}>
      <div className="row head" role="row" aria-rowindex={1}>
        {(['time', 'agent', 'site', 'action', 'severity', 'categories', 'rule', 'status'] as const).map((k) => (
          <span key={k} role="columnheader" className={`c-${k}`}>
            {t(k)}
          </span>
        ))}
      </div>
      <div className="scroll" ref={scrollRef} tabIndex={rows.length && selected < 0 ? 0 : -1} onFocus={(e) => e.target === scrollRef.current && rows.length && selected < 0 && move(0)}>
        <div style={{ height: virtualizer.getTotalSize(), position: 'relative' }}>
          {virtualizer.getVirtualItems().map((v) => {
            const i = rows[v.index];
            const cats = CATEGORIES.filter((_, c) => table.cats[i] & (1 << c)).join(' ');
            const ruleIds: string[] = [];
            for (let r = table.ruleStart[i]; r < table.ruleStart[i + 1]; r++) ruleIds.push(table.dict.rules[table.rules[r]]);
            const status = statusOf(table.status[i]);
            const sev = table.sev[i] & 2 ? 'block' : table.sev[i] & 1 ? 'warn' : '';
            return (
              <div
                key={v.key}
                data-index={v.index}
                role="row"
                aria-rowindex={v.index + 2}
                aria-selected={v.index === selected}
                tabIndex={v.index === selected ? 0 : -1}
                className={`row${v.index === selected ? ' selected' : ''}`}
                style={{ position: 'absolute', top: 0, left: 0, right: 0, height: ROW_HEIGHT, transform: `translateY(${v.start}px)` }}
                onClick={() => onSelect(v.index, false)}
                onDoubleClick={onOpen}
              >
                <span role="gridcell" className="c-time">{fmt.format(table.time[i])}</span>
                <span role="gridcell" className="c-agent">{table.dict.agents[table.agent[i]]}</span>
                <span role="gridcell" className="c-site">{table.dict.sites[table.site[i]]}</span>
                <span role="gridcell" className="c-action">{t(AUDIT_ACTIONS[table.action[i]])}</span>
                <span role="gridcell" className={`c-severity sev-${sev}`}>{sev ? t(sev) : ''}</span>
                <span role="gridcell" className="c-categories">{cats}</span>
                <span role="gridcell" className="c-rule">{ruleIds.join(', ')}</span>
                <span role="gridcell" className={`c-status st-${status ?? 'none'}`}>{t(status ?? 'unreviewed')}</span>
              </div>
            );
          })}
        </div>
      </div>
    </div>
  );
}
