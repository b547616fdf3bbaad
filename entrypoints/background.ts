/**
 * The service worker wires three independent parts; each registers its own listeners synchronously at start
 * (MV3 requirement: listeners must exist in the first turn of the worker).
 *   - composer guard: counts, per-conversation recipient, re-injection into open tabs (lib/guard)
 *   - admin: policy, signed pack updates (lib/policy, lib/packs)
 *   - QA: audit store and sink (lib/audit)
 */
import { registerAdmin } from '../lib/policy/background';
import { registerAudit } from '../lib/audit/background';
import { registerGuard } from '../lib/guard/background';

export default defineBackground(() => {
  registerAdmin();
  registerAudit();
  registerGuard();
  // Each part adds its register call here.
});
