import { describe, expect, it } from 'vitest';
import { compareVersions } from './flow-compare.ts';
import type { OutcomeFigures, VersionOverlay } from './flow-overlay.ts';

function version(number: number, outcomes: Partial<OutcomeFigures>): VersionOverlay {
  const base: OutcomeFigures = {
    started: 0,
    ticketsCreated: 0,
    handedOff: 0,
    handOffShare: null,
    autoResolved: 0,
    autoResolvedShare: null,
    failed: 0,
    failedShare: null,
    csatMean: null,
    csatAnswers: 0,
  };
  return { version: number, edges: [], steps: [], outcomes: { ...base, ...outcomes } };
}

describe('compareVersions', () => {
  it('says the issue’s example: 12 % fewer requests to people, CSAT 4.3 vs 4.1', () => {
    // v6: 250 of 1000 to people; v7: 220 of 1000 → (0.22 − 0.25) / 0.25 = −12 %.
    const v7 = version(7, {
      started: 1000,
      handedOff: 220,
      handOffShare: 0.22,
      csatMean: 4.3,
      csatAnswers: 80,
    });
    const v6 = version(6, {
      started: 1000,
      handedOff: 250,
      handOffShare: 0.25,
      csatMean: 4.1,
      csatAnswers: 90,
    });
    const compared = compareVersions(v7, v6);
    expect(compared.handOff.relativeChange).toBeCloseTo(-0.12);
    expect(compared.handOff.sentence).toEqual({
      'zh-CN': 'v7 转人工的请求比 v6 少 12%（22% 对 25%）',
      en: 'v7 sends 12 % fewer requests to people than v6 (22 % vs 25 % of requests)',
    });
    expect(compared.csat.sentence).toEqual({
      'zh-CN': '满意度 4.3（v7）对 4.1（v6）',
      en: 'CSAT 4.3 (v7) vs 4.1 (v6)',
    });
  });

  it('says more, the same, none, and what cannot be compared', () => {
    const more = compareVersions(
      version(2, { started: 10, handOffShare: 0.5, failedShare: 0.1 }),
      version(1, { started: 10, handOffShare: 0.4, failedShare: 0 }),
    );
    expect(more.handOff.sentence.en).toBe(
      'v2 sends 25 % more requests to people than v1 (50 % vs 40 % of requests)',
    );
    expect(more.failures.sentence.en).toBe('v2 fails 10 % of executions, v1 0 %');
    expect(more.csat.sentence.en).toBe('Neither v2 nor v1 has CSAT answers in this range');
    const none = compareVersions(
      version(2, { started: 4, handOffShare: 0.25, csatMean: 4 }),
      version(1, { started: 4, handOffShare: 0 }),
    );
    expect(none.handOff.sentence.en).toBe('v2 sends 25 % of requests to people; v1 sent none');
    expect(none.csat.sentence.en).toBe('CSAT 4.0 (v2); v1 has no answers');
    const empty = compareVersions(version(2, { started: 3, handOffShare: 0 }), version(1, {}));
    expect(empty.handOff).toMatchObject({ relativeChange: null });
    expect(empty.handOff.sentence.en).toBe('v1 ran no executions in this range: nothing to compare');
    expect(empty.handOff.sentence['zh-CN']).toBe('v1 在此期间没有执行，无法比较');
  });
});
