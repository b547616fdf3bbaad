/**
 * Builds the demo and e2e console pages with Vite's JS API into tests/.artifacts/consoles, and loads them as
 * routes for tests/e2e/harness.ts serve().
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { extname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'vite';

const HERE = fileURLToPath(new URL('.', import.meta.url));

export const CONSOLES_SRC = resolve(HERE);
export const CONSOLES_OUT = resolve(HERE, '../../.artifacts/consoles');

function lexicalAlias(): Record<string, string> {
  const nested = resolve(HERE, '../../../node_modules/@lexical/plain-text/node_modules/lexical');
  return existsSync(nested) ? { lexical: nested } : {};
}

export async function buildConsoles(): Promise<string> {
  await build({
    root: CONSOLES_SRC,
    base: './',
    logLevel: 'warn',
    configFile: false,
    // @lexical/plain-text 0.52 carries its own lexical; the root one is 0.53. Two copies break Lexical, so the
    // pages use the copy the plugin was built against.
    resolve: { alias: lexicalAlias() },
    define: { 'process.env.NODE_ENV': '"production"', global: 'globalThis' },
    build: {
      outDir: CONSOLES_OUT,
      emptyOutDir: true,
      minify: true,
      sourcemap: false,
      chunkSizeWarningLimit: 10000,
      rollupOptions: { input: { lab: join(CONSOLES_SRC, 'lab.html'), frame: join(CONSOLES_SRC, 'frame.html'), chat: join(CONSOLES_SRC, 'chat.html'), sms: join(CONSOLES_SRC, 'sms.html') } },
    },
  });
  return CONSOLES_OUT;
}

const TYPES: Record<string, string> = { '.html': 'text/html; charset=utf-8', '.js': 'text/javascript', '.css': 'text/css', '.svg': 'image/svg+xml' };

/** Every built file as a harness route ("/lab.html" → [type, body]). */
export function consoleRoutes(dir = CONSOLES_OUT): Record<string, [string, Buffer]> {
  const routes: Record<string, [string, Buffer]> = {};
  const walk = (d: string) => {
    for (const name of readdirSync(d)) {
      const p = join(d, name);
      if (statSync(p).isDirectory()) walk(p);
      else routes['/' + relative(dir, p).split('\\').join('/')] = [TYPES[extname(p)] ?? 'application/octet-stream', readFileSync(p)];
    }
  };
  walk(dir);
  return routes;
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  void buildConsoles().then((dir) => console.log(dir));
}
