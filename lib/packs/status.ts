/**
 * Pack status, stored under PACK_STATUS_KEY by the background for the options page and the popup:
 * per source (a bundled pack or a remote URL) which version it contributes, whether that is in force, and
 * what the last check found.
 */
import { browser } from 'wxt/browser';
import type { RejectionCode } from './bundle';
import { PACK_STATUS_KEY } from './storage-keys';

/** Outcome of the last check of a source. */
export type SourceState = 'ok' | 'rejected' | 'unreachable' | 'held' | 'pending';

export interface PackSourceStatus {
  /** "bundled" or the remote URL. */
  source: string;
  packId: string | null;
  /** Version this source contributes (its last good pack), null when it never delivered one. */
  version: number | null;
  /** Whether that version is the one in force for its pack id. */
  inForce: boolean;
  state: SourceState;
  lastCheck: string | null;
  lastSuccess: string | null;
  lastError: { code: RejectionCode | 'network' | 'http' | 'other'; message: string; at: string; version?: number } | null;
  etag?: string;
  rollout?: { percent: number; bucket: number; included: boolean; version: number };
  keyId?: string;
}

export interface PackStatus {
  updatedAt: string;
  /** The packs in force, as written to ACTIVE_PACKS_KEY. */
  active: { id: string; version: number; source: string }[];
  sources: PackSourceStatus[];
  /** Whether the background wrote ACTIVE_PACKS_KEY (false: the key is absent and the bundled packs are in force). */
  wroteActive: boolean;
}

export async function loadPackStatus(): Promise<PackStatus | null> {
  return ((await browser.storage.local.get(PACK_STATUS_KEY))[PACK_STATUS_KEY] as PackStatus | undefined) ?? null;
}

/** The most recent refusal across sources, for a one-line warning in the popup. */
export function latestProblem(status: PackStatus | null): PackSourceStatus | null {
  if (!status) return null;
  const failing = status.sources.filter((s) => s.state === 'rejected' || s.state === 'unreachable');
  failing.sort((a, b) => (b.lastError?.at ?? '').localeCompare(a.lastError?.at ?? ''));
  return failing[0] ?? null;
}
