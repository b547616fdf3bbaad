/** From the engine's verdict and the policy to what happens at send. Pure. */
import type { CheckResult, Finding } from '../../rules';
import type { GuardPolicy } from './defaults';

export type SendDecision =
  | { kind: 'allow' }
  /** Nothing reaches the page; the dialog lists findings. `override` when the policy lets the agent justify. */
  | { kind: 'block'; findings: Finding[]; override: boolean }
  /** Held until the agent acknowledges (or justifies), then replayed once. */
  | { kind: 'warn'; findings: Finding[]; justify: boolean };

export function decideSend(result: CheckResult, policy: GuardPolicy): SendDecision {
  if (policy.enforcement === 'off' || policy.enforcement === 'monitor' || result.verdict === 'pass') return { kind: 'allow' };
  const findings = result.findings;
  if (result.verdict === 'block' && policy.enforcement === 'enforce') {
    return { kind: 'block', findings, override: policy.severity.block.override === 'justify' };
  }
  // warn verdicts, and block verdicts softened by a warn-only rollout
  const softenedBlock = result.verdict === 'block';
  return { kind: 'warn', findings, justify: softenedBlock || policy.severity.warn.confirm === 'justify' };
}

/** Severity shown on the badge while typing. */
export function badgeState(result: CheckResult | null): 'clean' | 'warn' | 'block' {
  if (!result || result.verdict === 'pass') return 'clean';
  return result.verdict;
}
