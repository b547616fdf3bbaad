/**
 * Effective policy = defaults ← local (options-page import) ← managed (enterprise). Merged per top-level key:
 * a key set by the admin replaces the whole local value, so an agent cannot add to or subtract from it.
 * Each key is validated on its own; an invalid managed value falls back to the default, never to the local
 * value, and stays locked (a typo in the admin console must not hand the setting to the agent).
 */
import { DEFAULT_POLICY, POLICY_KEYS, policyFieldSchemas, type Policy, type PolicyKey } from './schema';

export type SettingSource = 'default' | 'local' | 'managed';

export interface PolicyProblem {
  source: 'local' | 'managed';
  key: string;
  message: string;
}

export interface EffectivePolicy {
  policy: Policy;
  /** Where each setting's value came from. */
  sources: Record<PolicyKey, SettingSource>;
  /** Settings read-only in every UI: every managed key, plus those the policy lists in `locked`. */
  locked: PolicyKey[];
  problems: PolicyProblem[];
  /** When this was computed (ISO). */
  computedAt: string;
}

const isRecord = (v: unknown): v is Record<string, unknown> => !!v && typeof v === 'object' && !Array.isArray(v);

function describe(error: { issues: { path: PropertyKey[]; message: string }[] }): string {
  return error.issues.map((i) => (i.path.length ? `${i.path.map(String).join('.')}: ${i.message}` : i.message)).join('; ');
}

/** Validates one source key by key; returns the valid values and what was wrong with the rest. */
export function parsePolicySource(raw: unknown, source: 'local' | 'managed'): { values: Partial<Policy>; problems: PolicyProblem[] } {
  const values: Partial<Record<PolicyKey, unknown>> = {};
  const problems: PolicyProblem[] = [];
  if (raw === undefined || raw === null) return { values: {}, problems };
  if (!isRecord(raw)) return { values: {}, problems: [{ source, key: '(policy)', message: 'the policy must be a JSON object' }] };
  for (const [key, value] of Object.entries(raw)) {
    if (key === '$schema' || key === 'comment') continue;
    if (!(POLICY_KEYS as readonly string[]).includes(key)) {
      problems.push({ source, key, message: 'unknown setting (ignored)' });
      continue;
    }
    const parsed = policyFieldSchemas[key as PolicyKey].safeParse(value);
    if (parsed.success) values[key as PolicyKey] = parsed.data;
    else problems.push({ source, key, message: describe(parsed.error) });
  }
  return { values: values as Partial<Policy>, problems };
}

export function mergePolicy(managedRaw: unknown, localRaw: unknown, now: Date = new Date()): EffectivePolicy {
  const managed = parsePolicySource(managedRaw, 'managed');
  const local = parsePolicySource(localRaw, 'local');
  const managedKeys = new Set<PolicyKey>(isRecord(managedRaw) ? (Object.keys(managedRaw).filter((k) => (POLICY_KEYS as readonly string[]).includes(k)) as PolicyKey[]) : []);
  const policy = { ...DEFAULT_POLICY } as Record<PolicyKey, unknown>;
  const sources = {} as Record<PolicyKey, SettingSource>;
  for (const key of POLICY_KEYS) {
    if (managedKeys.has(key)) {
      // Present in managed storage: managed wins even when invalid (then the strict default applies).
      policy[key] = key in managed.values ? managed.values[key] : DEFAULT_POLICY[key];
      sources[key] = 'managed';
    } else if (key in local.values) {
      policy[key] = local.values[key];
      sources[key] = 'local';
    } else sources[key] = 'default';
  }
  const effective = policy as Policy;
  const locked = POLICY_KEYS.filter((k) => managedKeys.has(k) || effective.locked.includes(k));
  return { policy: effective, sources, locked, problems: [...managed.problems, ...local.problems], computedAt: now.toISOString() };
}

/**
 * Applies an edit from a UI to the local policy, refusing locked keys. Returns the new local policy source
 * or throws with the keys that are locked.
 */
export function applyLocalEdit(localRaw: unknown, edit: Partial<Record<PolicyKey, unknown>>, effective: EffectivePolicy): Record<string, unknown> {
  const refused = Object.keys(edit).filter((k) => effective.locked.includes(k as PolicyKey));
  if (refused.length) throw new Error(`locked: ${refused.join(', ')}`);
  return { ...(isRecord(localRaw) ? localRaw : {}), ...edit };
}

/**
 * An imported JSON policy replaces the local one, except that keys locked by the current local policy keep
 * their value (the managed policy is untouched: it always wins anyway).
 */
export function importLocalPolicy(currentLocal: unknown, imported: unknown, effective: EffectivePolicy): { local: Record<string, unknown>; problems: PolicyProblem[]; kept: PolicyKey[] } {
  if (!isRecord(imported)) throw new Error('the file is not a JSON object');
  const { problems } = parsePolicySource(imported, 'local');
  const invalid = problems.filter((p) => p.message !== 'unknown setting (ignored)');
  if (invalid.length) return { local: isRecord(currentLocal) ? currentLocal : {}, problems, kept: [] };
  const next: Record<string, unknown> = { ...imported };
  const kept: PolicyKey[] = [];
  for (const key of effective.locked) {
    if (effective.sources[key] !== 'local') continue;
    const current = isRecord(currentLocal) ? currentLocal[key] : undefined;
    if (JSON.stringify(next[key]) !== JSON.stringify(current)) kept.push(key);
    if (current === undefined) delete next[key];
    else next[key] = current;
  }
  return { local: next, problems, kept };
}

/** The policy as an admin would write it: only non-default keys, for export. */
export function exportPolicy(effective: EffectivePolicy): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const key of POLICY_KEYS) if (effective.sources[key] !== 'default') out[key] = effective.policy[key];
  return out;
}
