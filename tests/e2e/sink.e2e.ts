/**
 * The OTLP sink against a loopback receiver that validates every payload: nothing leaves without a sink; with
 * one, every record arrives exactly once through 500s, a receiver that is down across a browser restart, a
 * slow receiver, and a service worker stopped in the middle of a burst of recordings.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext, type Page, type Worker } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyChains } from '../../lib/audit/chain';
import type { AuditRecord } from '../../lib/audit/types';
import { CHROMIUM, EXTENSION_DIR } from './harness';
import { recordEvents, sampleEvent } from './review-fixtures';
import { Receiver } from './sink-receiver';

// Same profile across a restart, which the shared harness (fresh profile per launch) does not offer.
const profile = mkdtempSync(join(tmpdir(), 'draftguard-sink-'));
let context: BrowserContext;
let worker: Worker;
let page: Page;
const receiver = new Receiver();
let next = 0;
const sent: string[] = [];

async function launch(): Promise<void> {
  context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    ignoreDefaultArgs: ['--disable-extensions'],
    args: [`--disable-extensions-except=${EXTENSION_DIR}`, `--load-extension=${EXTENSION_DIR}`, '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run', '--disable-sync'],
  });
  worker = context.serviceWorkers()[0] ?? (await context.waitForEvent('serviceworker', { timeout: 15000 }));
  page = await context.newPage();
  await page.goto(`chrome-extension://${new URL(worker.url()).host}/review.html`);
}

/**
 * Through the admin part, as an administrator would: the local policy's audit section (the policy schema's
 * current form, `sink: 'http'` + url; default batching and backoff). Headers and batch sizes are covered by
 * tests/unit/audit/sink.test.ts until the policy schema takes lib/audit/settings.ts's full sink settings.
 */
async function configureSink(): Promise<void> {
  await page.evaluate(async (url) => {
    const storage = (globalThis as unknown as { chrome: { storage: { local: { get: (k: string) => Promise<Record<string, unknown>>; set: (v: object) => Promise<void> } } } }).chrome.storage.local;
    const current = ((await storage.get('draftguard:localPolicy'))['draftguard:localPolicy'] ?? {}) as Record<string, unknown>;
    await storage.set({ 'draftguard:localPolicy': { ...current, audit: { sink: 'http', url } } });
  }, receiver.url);
}

async function record(n: number): Promise<void> {
  const events = Array.from({ length: n }, () => sampleEvent(next++));
  const acks = await recordEvents(page, events);
  expect(acks.every((a) => a.ok)).toBe(true);
  sent.push(...events.map((e) => e.eventId!));
}

const allDelivered = () => sent.every((id) => receiver.accepted.has(id));

beforeAll(async () => {
  await receiver.start();
  await launch();
});
afterAll(async () => {
  await context?.close();
  await receiver.stop();
  rmSync(profile, { recursive: true, force: true });
});

describe('OTLP sink', () => {
  it('sends nothing while no sink is configured (negative control)', async () => {
    await record(3);
    await new Promise((r) => setTimeout(r, 1500));
    expect(receiver.requests).toBe(0);
  });

  it('delivers the queue once a sink is configured', async () => {
    await configureSink();
    await expect.poll(allDelivered, { timeout: 20000 }).toBe(true);
    await record(6);
    await expect.poll(allDelivered, { timeout: 20000 }).toBe(true);
    expect(receiver.invalid).toEqual([]);
    const body = receiver.bodies.get(sent[0]) as AuditRecord;
    expect(body).toMatchObject({ id: sent[0], seq: 1, action: 'blocked' });
  });

  it('retries with backoff when the receiver answers 500', async () => {
    receiver.mode = { kind: 'fail', status: 500, times: 3 };
    await record(5);
    await expect.poll(allDelivered, { timeout: 30000 }).toBe(true);
    expect(receiver.failures).toBe(3);
  });

  it('keeps the queue while the receiver is down and across a browser restart', async () => {
    const port = receiver.port;
    await receiver.stop();
    await record(7);
    await new Promise((r) => setTimeout(r, 1000));
    await context.close();
    await launch();
    await receiver.start(port);
    await expect.poll(allDelivered, { timeout: 60000 }).toBe(true);
  });

  it('waits for a slow receiver without sending twice', async () => {
    receiver.mode = { kind: 'slow', delayMs: 1500 };
    await record(5);
    await expect.poll(allDelivered, { timeout: 30000 }).toBe(true);
    receiver.mode = { kind: 'ok' };
  });

  it('loses and duplicates nothing when the worker is stopped in the middle of a burst', async () => {
    const cdp = await context.newCDPSession(page);
    await cdp.send('ServiceWorker.enable');
    const burst = record(30);
    await new Promise((r) => setTimeout(r, 150));
    await cdp.send('ServiceWorker.stopAllWorkers');
    await burst;
    await expect.poll(allDelivered, { timeout: 60000 }).toBe(true);
  });

  it('ends with every record exactly once and an intact chain at the collector', async () => {
    await new Promise((r) => setTimeout(r, 500));
    expect(receiver.invalid).toEqual([]);
    expect([...receiver.accepted.keys()].sort()).toEqual([...sent].sort());
    expect([...receiver.accepted.values()].every((n) => n === 1)).toBe(true);
    const report = await verifyChains([...receiver.bodies.values()] as AuditRecord[]);
    expect(report.problems).toEqual([]);
    expect(report.chains[0]).toMatchObject({ first: 1, last: sent.length, anchored: true });
  });
});
