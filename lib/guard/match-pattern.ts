/** WebExtension match patterns ("https://*.example.com/*", "<all_urls>"), enough to decide where the guard runs. */
const cache = new Map<string, RegExp | null>();

function compile(pattern: string): RegExp | null {
  if (pattern === '<all_urls>') return /^(https?|wss?|file|ftp):\/\//;
  const m = /^(\*|https?|wss?|file|ftp):\/\/(\*|\*\.[^/*]+|[^/*]*)(\/.*)$/.exec(pattern);
  if (!m) return null;
  const [, scheme, host, path] = m;
  const esc = (s: string) => s.replace(/[.+?^${}()|[\]\\]/g, '\\$&');
  const schemeRe = scheme === '*' ? 'https?' : esc(scheme!);
  let hostRe: string;
  if (host === '*') hostRe = '[^/:]*';
  else if (host!.startsWith('*.')) hostRe = `(?:[^/:]+\\.)?${esc(host!.slice(2))}`;
  else hostRe = esc(host!);
  // Match patterns ignore the port: http://localhost/* matches every port.
  const pathRe = esc(path!).replace(/\*/g, '.*');
  return new RegExp(`^${schemeRe}://${hostRe}(?::\\d+)?${pathRe}$`);
}

export function matchesPattern(pattern: string, url: string): boolean {
  let re = cache.get(pattern);
  if (re === undefined) {
    re = compile(pattern);
    cache.set(pattern, re);
  }
  if (!re) return false;
  // Compare without query and fragment, as browsers do for content-script matching of the path.
  return re.test(url.replace(/[?#].*$/, ''));
}

export function isValidPattern(pattern: string): boolean {
  return compile(pattern) !== null;
}
