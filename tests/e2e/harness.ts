/**
 * Launches Debian's Chromium with the built extension (.output/chrome-mv3) through playwright-core.
 * The recipe is the one verified in ../shared/research/environment.md.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { chromium, type BrowserContext, type Worker } from 'playwright-core';

export const EXTENSION_DIR = resolve(__dirname, '../../.output/chrome-mv3');
export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

export interface Launched {
  context: BrowserContext;
  serviceWorker: Worker;
  extensionId: string;
  close: () => Promise<void>;
}

/** Starts Chromium; with `extension: false` it runs the same browser without the guard (negative controls). */
export async function launchBrowser(options: { extension?: boolean } = {}): Promise<Launched> {
  const withExtension = options.extension !== false;
  const userDataDir = mkdtempSync(join(tmpdir(), 'draftguard-e2e-'));
  const args = ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run', '--disable-sync', '--disable-quic'];
  if (withExtension) args.push(`--disable-extensions-except=${EXTENSION_DIR}`, `--load-extension=${EXTENSION_DIR}`);
  const context = await chromium.launchPersistentContext(userDataDir, {
    executablePath: CHROMIUM,
    headless: true,
    ignoreDefaultArgs: withExtension ? ['--disable-extensions'] : [],
    args,
  });
  let serviceWorker: Worker | undefined;
  let extensionId = '';
  if (withExtension) {
    serviceWorker = context.serviceWorkers()[0] ?? (await context.waitForEvent('serviceworker', { timeout: 15000 }));
    extensionId = new URL(serviceWorker.url()).host;
  }
  return {
    context,
    serviceWorker: serviceWorker as Worker,
    extensionId,
    close: async () => {
      await context.close();
      rmSync(userDataDir, { recursive: true, force: true });
    },
  };
}

/** Serves `routes` (path → [content type, body]) on 127.0.0.1 at a free port. */
export async function serve(routes: Record<string, [string, string | Buffer]>): Promise<{ origin: string; server: Server }> {
  const server = createServer((req, res) => {
    const route = routes[new URL(req.url ?? '/', 'http://x').pathname];
    if (!route) {
      res.writeHead(404).end('not found');
      return;
    }
    res.writeHead(200, { 'content-type': route[0] }).end(route[1]);
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return { origin: `http://127.0.0.1:${port}`, server };
}
