/**
 * Storage contract for rule packs and policy, shared by the background (which verifies and writes) and every
 * page and content script (which only read and listen to storage.onChanged).
 */
/** browser.storage.local: CompiledPack[] that passed verification and are in force. Absent → bundled packs. */
export const ACTIVE_PACKS_KEY = 'draftguard:activePacks';
/** browser.storage.local: the effective policy (managed values merged over local ones). Absent → defaults. */
export const EFFECTIVE_POLICY_KEY = 'draftguard:policy';
/** browser.storage.local: the local policy source (options-page import), merged under the managed one. */
export const LOCAL_POLICY_KEY = 'draftguard:localPolicy';
/** browser.storage.local: where each setting came from, which are locked, problems found (PolicyMeta). */
export const POLICY_META_KEY = 'draftguard:policyMeta';
/** browser.storage.local: PackStatus (lib/packs/status.ts) — version, source, status, last check, last error. */
export const PACK_STATUS_KEY = 'draftguard:packStatus';
/** browser.storage.local: verified remote bundles by source URL, kept to rebuild the active set (background only). */
export const REMOTE_PACKS_KEY = 'draftguard:remotePacks';
/** browser.storage.local: random id of this browser profile, for rollout bucketing when no agent id is set. */
export const INSTALL_ID_KEY = 'draftguard:installId';
/** browser.storage.local: the agent id typed in the options page (agentIdentity.source "prompt"). */
export const AGENT_ID_KEY = 'draftguard:agentId';
