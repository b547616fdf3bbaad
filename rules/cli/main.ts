/**
 * draftguard CLI. Names and output shapes are stable (other tools drive them):
 *   check [--recipient R] [--channel C] [--jurisdiction J] [--locale L] "TEXT"   exit 0 pass, 1 warn, 2 block
 *   check --jsonl            JSON lines in, one verdict line per draft out, same order
 *   test                     every rule's own flag/pass examples
 *   eval --corpus FILE       recall per category, flag/block recall, false-flag rate, misses
 *   pack compile-defaults    YAML sources -> rules/packs/dist/*.json and the pack JSON Schema
 *   audit verify FILE        hash chain of an exported audit JSONL file; exit 0 intact, 1 problems, 2 unreadable
 *   pack keygen --out DIR    signing key pair (DIR/<keyId>.key.json private, DIR/<keyId>.pub.json public)
 *   pack build DIR --out F   one pack's YAML -> unsigned bundle (compiles, runs its examples, stamps validity)
 *   pack sign F --key KEY    adds the signature to bundle F
 *   pack verify F --pub PUB  exit 0 only for a valid, untampered, unexpired bundle signed by PUB
 */
import { runAudit } from './audit-command';
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
    case 'audit':
      return runAudit(args);
    default:
      process.stderr.write(
        'usage: draftguard check [--recipient R] [--channel C] [--jurisdiction J] [--locale L] [--jsonl] "TEXT"\n' +
          '       draftguard test\n       draftguard eval --corpus FILE [--quiet]\n' +
          '       draftguard pack compile-defaults\n' +
          '       draftguard pack keygen --out DIR [--alg ECDSA-P256|Ed25519]\n' +
          '       draftguard pack build PACKDIR --out FILE [--valid-days N] [--version N] [--rollout PCT]\n' +
          '       draftguard pack sign FILE --key KEY [--out FILE]\n' +
          '       draftguard pack verify FILE --pub PUB [--min-version N]\n' +
          '       draftguard audit verify FILE [--json]\n',
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
