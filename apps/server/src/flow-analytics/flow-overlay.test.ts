import type { FlowGraph } from '@flowdesk/model';
import { waitBucket } from '@flowdesk/store';
import { describe, expect, it } from 'vitest';
import { versionOverlay } from './flow-overlay.ts';

const graph: FlowGraph = {
  nodes: [
    { id: 'start', type: 'trigger.request_received', config: {}, position: { x: 0, y: 0 } },
    { id: 'ticket', type: 'action.create_ticket', config: {}, position: { x: 0, y: 0 } },
    {
      id: 'reply',
      type: 'timing.wait_for_event',
      config: { event: 'customer_reply' },
      position: { x: 0, y: 0 },
    },
    {
      id: 'status',
      type: 'timing.wait_for_event',
      config: { event: 'ticket_status' },
      position: { x: 0, y: 0 },
    },
    { id: 'end', type: 'action.end', config: {}, position: { x: 0, y: 0 } },
  ],
  edges: [
    { id: 'a', source: 'start', sourcePort: 'next', target: 'ticket' },
    { id: 'b', source: 'ticket', sourcePort: 'next', target: 'reply' },
    { id: 'c', source: 'reply', sourcePort: 'received', target: 'status' },
    { id: 'd', source: 'reply', sourcePort: 'timeout', target: 'end' },
    { id: 'e', source: 'status', sourcePort: 'received', target: 'end' },
  ],
  settings: { timezone: 'Asia/Shanghai', defaultLocale: 'zh-CN', variables: [] },
};

describe('versionOverlay', () => {
  it('gives the median wait, the drop-off of a wait for the customer only, and shares at branches', () => {
    const overlay = versionOverlay(3, graph, {
      exits: [
        { nodeId: 'start', port: 'next', runs: 10, failures: 0 },
        { nodeId: 'ticket', port: 'next', runs: 9, failures: 0 },
        { nodeId: 'ticket', port: null, runs: 1, failures: 1 },
        { nodeId: 'reply', port: 'received', runs: 5, failures: 0 },
        { nodeId: 'reply', port: 'timeout', runs: 2, failures: 0 },
        { nodeId: 'status', port: 'received', runs: 5, failures: 0 },
      ],
      // Five answered after ~60 s, two timed out after ~1 day: the median is the 60-s bucket.
      waits: [
        { nodeId: 'reply', bucket: waitBucket(60), count: 5 },
        { nodeId: 'reply', bucket: waitBucket(86_400), count: 2 },
      ],
      stopped: [
        { nodeId: 'reply', status: 'waiting', count: 1 },
        { nodeId: 'reply', status: 'cancelled', count: 1 },
        { nodeId: 'ticket', status: 'failed', count: 1 },
        { nodeId: 'status', status: 'waiting', count: 0 },
      ],
      outcomes: { handedOff: 0, autoResolved: 0, csatSum: 0, csatCount: 0 },
    });
    const step = (id: string) => overlay.steps.find((entry) => entry.nodeId === id);
    const reply = step('reply');
    expect(reply?.medianWaitSeconds).toBeGreaterThan(60 * 0.91);
    expect(reply?.medianWaitSeconds).toBeLessThan(60 * 1.1);
    expect(reply?.dropOff).toEqual({ timedOut: 2, cancelled: 1, waiting: 1, total: 4 });
    // Waiting for a ticket status is not waiting for the customer: no drop-off.
    expect(step('status')?.dropOff).toBeNull();
    expect(step('ticket')).toMatchObject({ runs: 10, failures: 1, incidents: 1, medianWaitSeconds: null });
    const edge = (id: string) => overlay.edges.find((entry) => entry.edgeId === id);
    expect(edge('c')).toMatchObject({ count: 5, share: 5 / 7 });
    expect(edge('d')).toMatchObject({ count: 2, share: 2 / 7 });
    expect(edge('b')).toMatchObject({ count: 9, share: null });
    expect(overlay.outcomes).toMatchObject({
      started: 10,
      ticketsCreated: 9,
      failed: 1,
      failedShare: 0.1,
      csatMean: null,
    });
  });
});
