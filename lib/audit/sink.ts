/**
 * Delivery of the local chain to an OTLP/HTTP collector. The queue is the store itself: a per-URL cursor
 * (highest seq the collector acknowledged) advances only after a 2xx, so records recorded while offline, or
 * before a browser restart, are sent when the worker next runs. Batches go strictly in seq order, one request
 * at a time, so a retry resends exactly the unacknowledged batch and receivers can dedupe by event.id.
 */
import type { AuditDb } from './db';
import { toOtlpRequest } from './otlp';
import type { AuditSinkSettings } from './settings';
import { readChainAfter, readLocalHead, readSinkCursor, writeSinkCursor } from './store';
import type { AuditHealth } from './types';

export interface SinkDeps {
  db: () => Promise<AuditDb>;
  settings: () => AuditSinkSettings | undefined;
  serviceVersion: string;
  reportHealth: (sink: AuditHealth['sink'] | undefined) => void;
  /** Backstop for a worker stopped during a backoff wait (chrome.alarms); optional in tests. */
  scheduleWake?: (delayMs: number) => void;
  fetch?: typeof fetch;
  random?: () => number;
}

export class AuditSinkSender {
  private running = false;
  private again = false;
  private attempt = 0;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private debounce: ReturnType<typeof setTimeout> | undefined;

  constructor(private readonly deps: SinkDeps) {}

  /** Something was recorded: send soon, coalescing a burst into one batch. */
  notify(): void {
    if (!this.deps.settings() || this.timer) return;
    clearTimeout(this.debounce);
    this.debounce = setTimeout(() => void this.flush(), 100);
  }

  /** Sends everything pending now (unless a backoff wait is running and `force` is false). */
  async flush(force = false): Promise<void> {
    if (force && this.timer) {
      clearTimeout(this.timer);
      this.timer = undefined;
    }
    if (this.timer) return;
    if (this.running) {
      this.again = true;
      return;
    }
    this.running = true;
    try {
      do {
        this.again = false;
        await this.drain();
      } while (this.again && !this.timer);
    } finally {
      this.running = false;
    }
  }

  private async drain(): Promise<void> {
    const settings = this.deps.settings();
    if (!settings) return;
    const db = await this.deps.db();
    for (;;) {
      const head = await readLocalHead(db);
      const cursor = await readSinkCursor(db, settings.url);
      if (!head || cursor >= head.seq) {
        this.deps.reportHealth({ url: settings.url, pending: 0, lastDeliveredAt: Date.now() });
        return;
      }
      const batch = await readChainAfter(db, head.chain, cursor, settings.batchSize);
      if (batch.length === 0) return;
      const error = await this.post(settings, toOtlpRequest(batch, { serviceVersion: this.deps.serviceVersion, instanceId: head.chain, extra: settings.resourceAttributes }));
      if (error) {
        this.attempt++;
        const base = Math.min(settings.maxBackoffMs, settings.minBackoffMs * 2 ** (this.attempt - 1));
        const delay = error.retryAfterMs ?? Math.round(base * (0.5 + 0.5 * (this.deps.random ?? Math.random)()));
        this.deps.reportHealth({ url: settings.url, pending: head.seq - cursor, lastError: error.message, lastErrorAt: Date.now(), nextRetryAt: Date.now() + delay });
        this.timer = setTimeout(() => {
          this.timer = undefined;
          void this.flush();
        }, delay);
        this.deps.scheduleWake?.(delay);
        return;
      }
      this.attempt = 0;
      await writeSinkCursor(db, settings.url, batch[batch.length - 1].seq);
    }
  }

  private async post(settings: AuditSinkSettings, body: unknown): Promise<{ message: string; retryAfterMs?: number } | undefined> {
    const controller = new AbortController();
    const timeout = setTimeout(() => controller.abort(), settings.timeoutMs);
    try {
      const response = await (this.deps.fetch ?? fetch)(settings.url, {
        method: 'POST',
        headers: { ...settings.headers, 'content-type': 'application/json' },
        body: JSON.stringify(body),
        signal: controller.signal,
        credentials: 'omit',
      });
      if (response.ok) return undefined;
      const retryAfter = Number(response.headers.get('retry-after'));
      return {
        message: `HTTP ${response.status}`,
        retryAfterMs: (response.status === 429 || response.status === 503) && retryAfter > 0 ? Math.min(retryAfter * 1000, settings.maxBackoffMs) : undefined,
      };
    } catch (e) {
      return { message: controller.signal.aborted ? `timeout after ${settings.timeoutMs} ms` : (e as Error).message };
    } finally {
      clearTimeout(timeout);
    }
  }
}
