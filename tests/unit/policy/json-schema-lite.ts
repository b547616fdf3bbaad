/**
 * Validates a value against the JSON-Schema subset Chrome accepts for managed_schema.json (type, properties,
 * additionalProperties as a schema for maps, items, enum, pattern, minimum, maximum). Enough to prove the
 * schema and lib/policy/schema.ts agree.
 */
export interface LiteSchema {
  type?: string;
  properties?: Record<string, LiteSchema>;
  /** A schema for the values of a map (e.g. HTTP headers); zod also writes `false` for strict objects. */
  additionalProperties?: LiteSchema | boolean;
  /** Only in zod's output: Chrome's subset has one type per setting (see chromeView). */
  anyOf?: LiteSchema[];
  items?: LiteSchema;
  enum?: unknown[];
  pattern?: string;
  minimum?: number;
  maximum?: number;
}

export function liteErrors(schema: LiteSchema, value: unknown, path = '$'): string[] {
  const errors: string[] = [];
  const kind = Array.isArray(value) ? 'array' : value === null ? 'null' : typeof value;
  const typeOk =
    !schema.type ||
    (schema.type === 'integer' ? Number.isInteger(value) : schema.type === 'number' ? typeof value === 'number' : schema.type === kind);
  if (!typeOk) return [`${path}: expected ${schema.type}, got ${kind}`];
  if (schema.enum && !schema.enum.includes(value)) errors.push(`${path}: not one of ${schema.enum.join(', ')}`);
  if (schema.pattern && typeof value === 'string' && !new RegExp(schema.pattern).test(value)) errors.push(`${path}: does not match ${schema.pattern}`);
  if (typeof value === 'number') {
    if (schema.minimum !== undefined && value < schema.minimum) errors.push(`${path}: below ${schema.minimum}`);
    if (schema.maximum !== undefined && value > schema.maximum) errors.push(`${path}: above ${schema.maximum}`);
  }
  if (kind === 'object' && (schema.properties || typeof schema.additionalProperties === 'object')) {
    for (const [k, v] of Object.entries(value as Record<string, unknown>)) {
      const sub = schema.properties?.[k] ?? (typeof schema.additionalProperties === 'object' ? schema.additionalProperties : undefined);
      if (!sub) errors.push(`${path}.${k}: not in the schema`);
      else errors.push(...liteErrors(sub, v, `${path}.${k}`));
    }
  }
  if (kind === 'array' && schema.items) (value as unknown[]).forEach((v, i) => errors.push(...liteErrors(schema.items!, v, `${path}[${i}]`)));
  return errors;
}

/** Every property path the schema declares, e.g. "packs.remote[].url". */
export function schemaPaths(schema: LiteSchema, prefix = ''): string[] {
  const out: string[] = [];
  if (schema.properties) for (const [k, v] of Object.entries(schema.properties)) {
    const p = prefix ? `${prefix}.${k}` : k;
    out.push(p, ...schemaPaths(v, p));
  }
  if (schema.items) out.push(...schemaPaths(schema.items, `${prefix}[]`));
  return out;
}

/**
 * zod's JSON Schema as Chrome's managed storage can express it: a setting zod accepts in two forms (anyOf, e.g.
 * audit.sink as settings object or the legacy "local"/"http" string) is declared in its object form, the one
 * managed_schema.json documents; the other form is only read from imported JSON policies.
 */
export function chromeView(schema: LiteSchema): LiteSchema {
  if (schema.anyOf) {
    const object = schema.anyOf.find((s) => s.type === 'object');
    if (!object) throw new Error('anyOf without an object form cannot be expressed in managed_schema.json');
    return chromeView(object);
  }
  const out: LiteSchema = { ...schema };
  if (schema.properties) out.properties = Object.fromEntries(Object.entries(schema.properties).map(([k, v]) => [k, chromeView(v)]));
  if (schema.items) out.items = chromeView(schema.items);
  return out;
}
