/**
 * Staged rollout: a pack may declare `pack.rollout` (percent of agents). Each agent gets a stable bucket in
 * [0, 100) per pack id, from a hash of pack id and agent id, so raising the percentage only adds agents
 * (those already in stay in) and different packs reach different first cohorts.
 */

/** FNV-1a, 32 bit: tiny, synchronous, identical in every JS runtime. Not a security boundary. */
function fnv1a(text: string): number {
  let h = 0x811c9dc5;
  const bytes = new TextEncoder().encode(text);
  for (const b of bytes) {
    h ^= b;
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h >>> 0;
}

/** The agent's bucket for a pack, a number in [0, 100) with two decimals. */
export function rolloutBucket(packId: string, agentId: string): number {
  return (fnv1a(`${packId}\u0000${agentId}`) % 10000) / 100;
}

/** Whether the agent gets a pack that declares `percent` (absent → everyone). */
export function inRollout(packId: string, agentId: string, percent: number | undefined): boolean {
  if (percent === undefined || percent >= 100) return true;
  if (percent <= 0) return false;
  return rolloutBucket(packId, agentId) < percent;
}
