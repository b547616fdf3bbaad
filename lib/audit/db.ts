/**
 * IndexedDB layout of the audit store (through idb). The service worker and the review page open the same
 * database (same extension origin); every write is one readwrite transaction, which IndexedDB serialises, so a
 * record, its summary row and the chain head are committed together or not at all.
 */
import { openDB, type DBSchema, type IDBPDatabase } from 'idb';
import type { Chunk, Dict, PackedChunk } from './summary';
import type { AuditRecord, ReviewLabel } from './types';

export const AUDIT_DB_NAME = 'draftguard-audit';

/** A record as stored: the hashed record untouched, plus where its summary row lives. */
export interface StoredRecord {
  id: string;
  chain: string;
  seq: number;
  chunk: number;
  row: number;
  record: AuditRecord;
}

/** The chain this profile appends to. `anchor` is the last pruned record, so verification can start there. */
export interface LocalHead {
  chain: string;
  seq: number;
  head: string;
  anchor?: { seq: number; hash: string };
}

export interface AuditDbSchema extends DBSchema {
  records: { key: string; value: StoredRecord; indexes: { chainSeq: [string, number] } };
  /** PackedChunk; plain Chunk objects were written before packing and are still read. */
  chunks: { key: number; value: PackedChunk | Chunk };
  meta: { key: string; value: unknown };
  labels: { key: string; value: ReviewLabel };
}

export type AuditDb = IDBPDatabase<AuditDbSchema>;

export const META_DICT = 'dict';
export const META_LOCAL = 'local';
export const sinkCursorKey = (url: string) => `sink:${url}`;
export type { Dict };

export function openAuditDb(name = AUDIT_DB_NAME): Promise<AuditDb> {
  return openDB<AuditDbSchema>(name, 1, {
    upgrade(db) {
      const records = db.createObjectStore('records', { keyPath: 'id' });
      records.createIndex('chainSeq', ['chain', 'seq']);
      db.createObjectStore('chunks');
      db.createObjectStore('meta');
      db.createObjectStore('labels', { keyPath: 'id' });
    },
  });
}
