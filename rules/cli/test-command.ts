import { loadDefaultPacks } from '../build/default-packs';
import { createEngine } from '../engine/check';
import { runRuleExamples } from '../engine/examples';

export function runTest(_args: string[]): number {
  const engine = createEngine(loadDefaultPacks());
  const { total, failures } = runRuleExamples(engine);
  for (const f of failures) process.stdout.write(`FAIL ${f.pack}/${f.rule} [${f.kind}] ${JSON.stringify(f.text)}: ${f.problem}\n`);
  const rules = engine.rules.length;
  process.stdout.write(`rule examples: ${rules} rules, ${total} examples\n${total - failures.length} passed, ${failures.length} failed\n`);
  return failures.length ? 1 : 0;
}
