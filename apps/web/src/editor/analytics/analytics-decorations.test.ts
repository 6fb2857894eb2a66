import { describe, expect, it } from 'vitest';
import {
  analyticsDecorations,
  MAX_EDGE_WIDTH,
  MIN_EDGE_WIDTH,
  waitDuration,
} from './analytics-decorations.ts';
import type { VersionOverlay } from './flow-analytics.types.ts';

const overlay: VersionOverlay = {
  version: 3,
  edges: [
    { edgeId: 'a', source: 'start', sourcePort: 'next', target: 'check', count: 40, share: null },
    { edgeId: 'b', source: 'check', sourcePort: 'true', target: 'people', count: 10, share: 0.25 },
    { edgeId: 'c', source: 'check', sourcePort: 'false', target: 'wait', count: 0, share: 0 },
  ],
  steps: [
    {
      nodeId: 'wait',
      nodeType: 'timing.wait_for_event',
      runs: 12,
      failures: 0,
      incidents: 1,
      medianWaitSeconds: 5400,
      dropOff: { timedOut: 2, cancelled: 1, waiting: 3, total: 6 },
    },
  ],
  outcomes: {
    started: 40,
    ticketsCreated: 40,
    handedOff: 10,
    handOffShare: 0.25,
    autoResolved: 5,
    autoResolvedShare: 0.125,
    failed: 1,
    failedShare: 0.025,
    csatMean: 4.2,
    csatAnswers: 9,
  },
};

describe('analyticsDecorations', () => {
  it('draws the busiest line thickest, an unused one thinnest, and keeps the counts, shares and step figures', () => {
    const { edgeAnalytics, stepAnalytics } = analyticsDecorations(overlay);
    expect(edgeAnalytics.get('a')).toEqual({ count: 40, share: null, width: MAX_EDGE_WIDTH });
    expect(edgeAnalytics.get('b')?.width).toBeCloseTo(MIN_EDGE_WIDTH + (MAX_EDGE_WIDTH - MIN_EDGE_WIDTH) / 4);
    expect(edgeAnalytics.get('c')).toEqual({ count: 0, share: 0, width: MIN_EDGE_WIDTH });
    expect(stepAnalytics.get('wait')).toEqual({
      runs: 12,
      failures: 0,
      incidents: 1,
      medianWaitSeconds: 5400,
      dropOff: 6,
    });
  });

  it('says a wait in the unit people use', () => {
    expect(waitDuration(45)).toEqual({ unit: 'seconds', amount: '45' });
    expect(waitDuration(5400)).toEqual({ unit: 'hours', amount: '1.5' });
    expect(waitDuration(720)).toEqual({ unit: 'minutes', amount: '12' });
    expect(waitDuration(2 * 86_400)).toEqual({ unit: 'days', amount: '2' });
  });
});
