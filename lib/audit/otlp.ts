/**
 * Audit records as OTLP/HTTP JSON logs (OpenTelemetry log data model, opentelemetry-proto ExportLogsServiceRequest
 * in its JSON mapping: 64-bit integers as decimal strings, AnyValue wrappers, lowerCamelCase field names).
 * The whole record, hashes included, travels in the body so a collector can re-verify the chain; the
 * attributes carry what a log backend indexes. `event.id` is the idempotency key for receivers.
 */
import type { AuditRecord } from './types';

export type AnyValue =
  | { stringValue: string }
  | { boolValue: boolean }
  | { intValue: string }
  | { doubleValue: number }
  | { arrayValue: { values: AnyValue[] } }
  | { kvlistValue: { values: KeyValue[] } };
export interface KeyValue {
  key: string;
  value: AnyValue;
}
export interface OtlpLogRecord {
  timeUnixNano: string;
  observedTimeUnixNano: string;
  severityNumber: number;
  severityText: string;
  eventName: string;
  body: AnyValue;
  attributes: KeyValue[];
}
export interface ExportLogsServiceRequest {
  resourceLogs: { resource: { attributes: KeyValue[] }; scopeLogs: { scope: { name: string; version: string }; logRecords: OtlpLogRecord[] }[] }[];
}

const str = (key: string, value: string): KeyValue => ({ key, value: { stringValue: value } });
const int = (key: string, value: number): KeyValue => ({ key, value: { intValue: String(value) } });
const arr = (key: string, values: string[]): KeyValue => ({ key, value: { arrayValue: { values: values.map((v) => ({ stringValue: v })) } } });

/** SeverityNumber: 13 WARN for a block or an override of one, 9 INFO otherwise. */
const severity = (r: AuditRecord): [number, string] => (r.action === 'blocked' || r.action === 'override_justified' ? [13, 'WARN'] : [9, 'INFO']);

export function toLogRecord(r: AuditRecord): OtlpLogRecord {
  const [severityNumber, severityText] = severity(r);
  const nanos = `${Math.trunc(r.time)}000000`;
  const attributes: KeyValue[] = [
    str('event.id', r.id),
    str('draftguard.action', r.action),
    str('draftguard.agent', r.agent),
    str('draftguard.site', r.site),
    str('draftguard.recipient', r.recipient),
    str('draftguard.channel', r.channel),
    arr('draftguard.categories', [...new Set(r.findings.map((f) => f.category))]),
    arr('draftguard.rules', [...new Set(r.findings.map((f) => f.rule))]),
    arr('draftguard.packs', r.packs.map((p) => `${p.id}@${p.version}`)),
    str('draftguard.chain', r.chain),
    int('draftguard.seq', r.seq),
    str('draftguard.hash', r.hash),
    str('draftguard.prev_hash', r.prevHash),
  ];
  if (r.conversation) attributes.push(str('draftguard.conversation', r.conversation));
  return {
    timeUnixNano: nanos,
    observedTimeUnixNano: nanos,
    severityNumber,
    severityText,
    eventName: `draftguard.audit.${r.action}`,
    body: { stringValue: JSON.stringify(r) },
    attributes,
  };
}

export function toOtlpRequest(records: AuditRecord[], resource: { serviceVersion: string; instanceId: string; extra: Record<string, string> }): ExportLogsServiceRequest {
  return {
    resourceLogs: [
      {
        resource: {
          attributes: [
            str('service.name', 'draftguard'),
            str('service.version', resource.serviceVersion),
            str('service.instance.id', resource.instanceId),
            ...Object.entries(resource.extra).map(([k, v]) => str(k, v)),
          ],
        },
        scopeLogs: [{ scope: { name: 'draftguard.audit', version: '1' }, logRecords: records.map(toLogRecord) }],
      },
    ],
  };
}
