/**
 * Runs every rule's own examples, the way Semgrep's `ruleid:`/`ok:` and ESLint's RuleTester do: each `flag`
 * example must produce a finding of that rule, each `pass` example must not. Used by `draftguard test`, the
 * unit tests, and before a downloaded pack is allowed to become active.
 */
import type { Engine } from './check';
import type { ExampleSource } from './schema';
import type { CheckContext } from './types';

export interface ExampleFailure {
  pack: string;
  rule: string;
  kind: 'flag' | 'pass';
  text: string;
  problem: string;
}

function contextOf(example: ExampleSource): { text: string; context: CheckContext } {
  if (typeof example === 'string') return { text: example, context: { recipient: 'debtor', channel: 'chat' } };
  return {
    text: example.text,
    context: {
      recipient: example.recipient ?? 'debtor',
      channel: example.channel ?? 'chat',
      jurisdiction: example.jurisdiction,
      sendTime: example.sendTime,
      recipientTimeZone: example.recipientTimeZone,
    },
  };
}

export function runRuleExamples(engine: Engine): { total: number; failures: ExampleFailure[] } {
  const failures: ExampleFailure[] = [];
  let total = 0;
  for (const rule of engine.rules) {
    for (const kind of ['flag', 'pass'] as const) {
      for (const example of rule.source_rule.examples[kind]) {
        total++;
        const { text, context } = contextOf(example);
        const result = engine.check(text, context);
        const own = result.findings.filter((f) => f.rule === rule.id);
        if (kind === 'flag' && own.length === 0) {
          const got = result.findings.map((f) => f.rule).join(', ') || 'nothing';
          failures.push({ pack: rule.pack, rule: rule.id, kind, text, problem: `expected a finding, got ${got}` });
        }
        if (kind === 'pass' && own.length > 0) {
          failures.push({ pack: rule.pack, rule: rule.id, kind, text, problem: `expected no finding, flagged "${own[0].text}"` });
        }
      }
    }
  }
  return { total, failures };
}
