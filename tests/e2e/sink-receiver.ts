/**
 * A loopback OTLP/HTTP logs receiver for the sink tests: validates every payload against the OTLP JSON shape,
 * dedupes by event.id (as a real pipeline would), and can be switched to down, slow or failing.
 */
import { createServer, type Server } from 'node:http';
import { z } from 'zod';

const anyValue: z.ZodType = z.lazy(() =>
  z.union([
    z.object({ stringValue: z.string() }).strict(),
    z.object({ boolValue: z.boolean() }).strict(),
    z.object({ intValue: z.string().regex(/^-?\d+$/) }).strict(),
    z.object({ doubleValue: z.number() }).strict(),
    z.object({ arrayValue: z.object({ values: z.array(anyValue) }).strict() }).strict(),
    z.object({ kvlistValue: z.object({ values: z.array(keyValue) }).strict() }).strict(),
  ]),
);
const keyValue = z.object({ key: z.string().min(1), value: anyValue }).strict();
const logRecord = z
  .object({
    timeUnixNano: z.string().regex(/^\d{19}$/),
    observedTimeUnixNano: z.string().regex(/^\d{19}$/),
    severityNumber: z.number().int().min(1).max(24),
    severityText: z.string(),
    eventName: z.string().startsWith('draftguard.audit.'),
    body: z.object({ stringValue: z.string() }).strict(),
    attributes: z.array(keyValue),
  })
  .strict();
export const exportLogsRequest = z
  .object({
    resourceLogs: z
      .array(
        z
          .object({
            resource: z.object({ attributes: z.array(keyValue) }).strict(),
            scopeLogs: z.array(z.object({ scope: z.object({ name: z.string(), version: z.string() }).strict(), logRecords: z.array(logRecord).min(1) }).strict()).min(1),
          })
          .strict(),
      )
      .min(1),
  })
  .strict();

export type Mode = { kind: 'ok' } | { kind: 'fail'; status: number; times: number } | { kind: 'slow'; delayMs: number };

export class Receiver {
  server: Server | undefined;
  port = 0;
  mode: Mode = { kind: 'ok' };
  requests = 0;
  failures = 0;
  invalid: string[] = [];
  /** event.id → how many times it was accepted in a 2xx answer. */
  accepted = new Map<string, number>();
  /** event.id → the record body (the full audit record JSON). */
  bodies = new Map<string, unknown>();
  requiredHeader: [string, string] | undefined;

  async start(port = 0): Promise<void> {
    this.server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => void this.handle(req.url ?? '', req.headers, Buffer.concat(chunks).toString('utf8'), res));
    });
    await new Promise<void>((r) => this.server!.listen(port, '127.0.0.1', r));
    const address = this.server.address();
    this.port = typeof address === 'object' && address ? address.port : 0;
  }

  async stop(): Promise<void> {
    const server = this.server;
    this.server = undefined;
    if (!server) return;
    server.closeAllConnections();
    await new Promise<void>((r) => server.close(() => r()));
  }

  get url(): string {
    return `http://127.0.0.1:${this.port}/v1/logs`;
  }

  private async handle(path: string, headers: Record<string, string | string[] | undefined>, text: string, res: import('node:http').ServerResponse): Promise<void> {
    this.requests++;
    if (path !== '/v1/logs' || headers['content-type'] !== 'application/json') {
      this.invalid.push(`bad path or content type: ${path} ${headers['content-type']}`);
      res.writeHead(400).end();
      return;
    }
    if (this.requiredHeader && headers[this.requiredHeader[0]] !== this.requiredHeader[1]) {
      res.writeHead(401).end();
      return;
    }
    if (this.mode.kind === 'fail' && this.mode.times > 0) {
      this.mode.times--;
      this.failures++;
      res.writeHead(this.mode.status).end('{}');
      return;
    }
    if (this.mode.kind === 'slow') await new Promise((r) => setTimeout(r, (this.mode as { delayMs: number }).delayMs));
    let payload: z.infer<typeof exportLogsRequest>;
    try {
      payload = exportLogsRequest.parse(JSON.parse(text));
    } catch (e) {
      this.invalid.push((e as Error).message.slice(0, 300));
      res.writeHead(400).end();
      return;
    }
    for (const rl of payload.resourceLogs) {
      for (const sl of rl.scopeLogs) {
        for (const lr of sl.logRecords) {
          const id = lr.attributes.find((a) => a.key === 'event.id')?.value as { stringValue?: string } | undefined;
          if (!id?.stringValue) {
            this.invalid.push('log record without event.id');
            continue;
          }
          this.accepted.set(id.stringValue, (this.accepted.get(id.stringValue) ?? 0) + 1);
          this.bodies.set(id.stringValue, JSON.parse(lr.body.stringValue));
        }
      }
    }
    if (!res.destroyed) res.writeHead(200, { 'content-type': 'application/json' }).end('{}');
  }
}
