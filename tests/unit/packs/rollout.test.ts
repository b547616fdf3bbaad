import { describe, expect, it } from 'vitest';
import { inRollout, rolloutBucket } from '../../../lib/packs/rollout';

const agents = Array.from({ length: 5000 }, (_, i) => `agent-${i}@example.com`);

describe('staged rollout bucketing', () => {
  it('gives each agent the same bucket every time, in [0, 100)', () => {
    for (const a of agents.slice(0, 50)) {
      const b = rolloutBucket('cn', a);
      expect(b).toBe(rolloutBucket('cn', a));
      expect(b).toBeGreaterThanOrEqual(0);
      expect(b).toBeLessThan(100);
    }
  });

  it('includes about the declared share of agents', () => {
    for (const pct of [1, 10, 50, 90]) {
      const share = agents.filter((a) => inRollout('cn', a, pct)).length / agents.length;
      expect(Math.abs(share * 100 - pct)).toBeLessThan(2.5);
    }
  });

  it('only adds agents when the percentage grows', () => {
    const at10 = agents.filter((a) => inRollout('cn', a, 10));
    expect(at10.every((a) => inRollout('cn', a, 25))).toBe(true);
  });

  it('treats absent and 100 as everyone, 0 as nobody', () => {
    expect(agents.every((a) => inRollout('cn', a, undefined) && inRollout('cn', a, 100))).toBe(true);
    expect(agents.some((a) => inRollout('cn', a, 0))).toBe(false);
  });

  it('buckets independently per pack, so one cohort does not get every first rollout', () => {
    const cnFirst = new Set(agents.filter((a) => inRollout('cn', a, 10)));
    const usFirst = agents.filter((a) => inRollout('us', a, 10));
    const overlap = usFirst.filter((a) => cnFirst.has(a)).length / usFirst.length;
    expect(overlap).toBeLessThan(0.2);
  });
});
