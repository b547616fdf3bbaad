/**
 * Storage contract for rule packs and policy, shared by the background (which verifies and writes) and every
 * page and content script (which only read and listen to storage.onChanged).
 */
/** browser.storage.local: CompiledPack[] that passed verification and are in force. Absent → bundled packs. */
export const ACTIVE_PACKS_KEY = 'draftguard:activePacks';
/** browser.storage.local: the effective policy (managed values merged over local ones). Absent → defaults. */
export const EFFECTIVE_POLICY_KEY = 'draftguard:policy';
