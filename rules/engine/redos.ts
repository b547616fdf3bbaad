/**
 * Rejects regexes that could make a check slow, when a pack is compiled (never at check time).
 *
 * Written here rather than taken from a library: redos-detector (tried first) needed 1–10 s per pattern on
 * this class of machine, and its verdict depended on a wall-clock budget, so a busy machine rejected safe
 * packs — unusable for a service worker that verifies every pack update. The rule enforced instead is simple,
 * sound and instant: every repetition must be bounded ({0,10}, ?, not * + or {n,}), no backreferences, and an
 * upper bound on the ways the pattern can match at one position (which bounds backtracking) must stay small.
 * Such a pattern runs in time linear in the draft, with a constant this check caps.
 */

/** Upper bound on match paths from one start position; beyond this a pattern is refused. */
const MAX_PATHS = 2000;

class RegexShapeError extends Error {}

interface Parser {
  src: string;
  i: number;
}

const cap = (n: number) => (n > 1e12 ? Infinity : n);

/** alternation := sequence ('|' sequence)* ; paths = sum over branches */
function alternation(p: Parser): number {
  let total = sequence(p);
  while (p.src[p.i] === '|') {
    p.i++;
    total = cap(total + sequence(p));
  }
  return total;
}

/** sequence := (atom quantifier?)* ; paths = product over items */
function sequence(p: Parser): number {
  let product = 1;
  while (p.i < p.src.length && p.src[p.i] !== '|' && p.src[p.i] !== ')') {
    const inner = atom(p);
    product = cap(product * quantified(p, inner));
  }
  return product;
}

function atom(p: Parser): number {
  const c = p.src[p.i];
  if (c === '(') {
    p.i++;
    const prefix = /^\?(?::|=|!|<=|<!|<[A-Za-z_][A-Za-z0-9_]*>)/.exec(p.src.slice(p.i));
    if (prefix) p.i += prefix[0].length;
    const inner = alternation(p);
    if (p.src[p.i] !== ')') throw new RegexShapeError('unbalanced parenthesis');
    p.i++;
    return inner;
  }
  if (c === '[') {
    p.i++;
    if (p.src[p.i] === '^') p.i++;
    if (p.src[p.i] === ']') p.i++;
    while (p.i < p.src.length && p.src[p.i] !== ']') p.i += p.src[p.i] === '\\' ? 2 : 1;
    if (p.src[p.i] !== ']') throw new RegexShapeError('unterminated character class');
    p.i++;
    return 1;
  }
  if (c === '\\') {
    const next = p.src[p.i + 1] ?? '';
    if (/[1-9]/.test(next) || next === 'k') throw new RegexShapeError('backreferences are not allowed');
    p.i += 2;
    // \p{…}, \u{…}, \uXXXX, \xXX, \cX: consume the rest of the escape
    const rest = /^(?:\{[^}]*\}|[0-9a-fA-F]{2,4})/.exec(p.src.slice(p.i));
    if (rest && /[pPux]/.test(next)) p.i += rest[0].length;
    else if (next === 'c') p.i++;
    return 1;
  }
  if (c === '*' || c === '+' || c === '?' || (c === '{' && /^\{\d+(,\d*)?\}/.test(p.src.slice(p.i)))) {
    throw new RegexShapeError(`quantifier "${c}" with nothing to repeat`);
  }
  p.i++;
  return 1;
}

/** Applies a following quantifier, if any: X{n,m} has at most sum_{k=n..m} paths(X)^k ways to match. */
function quantified(p: Parser, inner: number): number {
  const rest = p.src.slice(p.i);
  let min = 1;
  let max = 1;
  let m: RegExpExecArray | null;
  if (rest[0] === '*' || rest[0] === '+') throw new RegexShapeError(`unbounded repetition "${rest[0]}"`);
  if (rest[0] === '?') {
    min = 0;
    p.i++;
  } else if ((m = /^\{(\d+)(,(\d*))?\}/.exec(rest))) {
    min = Number(m[1]);
    if (m[2] && m[3] === '') throw new RegexShapeError(`unbounded repetition "${m[0]}"`);
    max = m[2] ? Number(m[3]) : min;
    p.i += m[0].length;
  } else return inner;
  if (p.src[p.i] === '?') p.i++; // lazy: same paths
  max = Math.max(max, min);
  let total = 0;
  for (let k = min; k <= max && total !== Infinity; k++) total = cap(total + Math.pow(Math.max(inner, 1), k));
  return total;
}

/** Throws with a message for the pack author when the pattern is not provably fast. */
export function assertSafeRegex(pattern: string): void {
  let paths: number;
  try {
    const parser: Parser = { src: pattern, i: 0 };
    paths = alternation(parser);
    if (parser.i !== pattern.length) throw new RegexShapeError('unbalanced parenthesis');
  } catch (e) {
    if (e instanceof RegexShapeError) {
      throw new Error(
        `regex /${pattern}/ is refused (${e.message}): it could backtrack catastrophically (ReDoS); use bounded repetition such as \\d{1,3} instead of \\d+`,
      );
    }
    throw e;
  }
  if (paths > MAX_PATHS) {
    throw new Error(`regex /${pattern}/ can match in too many ways (${paths === Infinity ? 'unbounded' : `up to ${paths}`} per position): it could backtrack catastrophically (ReDoS); narrow the repetition counts or alternatives`);
  }
}
