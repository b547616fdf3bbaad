/**
 * draftguard CLI. Names and output shapes are stable (other tools drive them):
 *   check [--recipient R] [--channel C] [--jurisdiction J] [--locale L] "TEXT"   exit 0 pass, 1 warn, 2 block
 *   check --jsonl            JSON lines in, one verdict line per draft out, same order
 *   test                     every rule's own flag/pass examples
 *   eval --corpus FILE       recall per category, flag/block recall, false-flag rate, misses
 *   pack compile-defaults    YAML sources -> rules/packs/dist/*.json and the pack JSON Schema
 */
import { runCheck } from './check-command';
import { runEval } from './eval-command';
import { runPackCommand } from './pack-command';
import { runTest } from './test-command';

const [command, ...args] = process.argv.slice(2);

async function main(): Promise<number> {
  switch (command) {
    case 'check':
      return runCheck(args);
    case 'test':
      return runTest(args);
    case 'eval':
      return runEval(args);
    case 'pack':
      return runPackCommand(args);
    default:
      process.stderr.write(
        'usage: draftguard check [--recipient R] [--channel C] [--jurisdiction J] [--locale L] [--jsonl] "TEXT"\n' +
          '       draftguard test\n       draftguard eval --corpus FILE [--quiet]\n' +
          '       draftguard pack compile-defaults\n',
      );
      return command ? 64 : 0;
  }
}

main().then(
  (code) => process.exit(code),
  (e) => {
    process.stderr.write(`draftguard: ${(e as Error).message}\n`);
    process.exit(70);
  },
);
