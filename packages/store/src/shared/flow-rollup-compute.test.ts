import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { seedFlowAnalytics } from '../contract/flow-analytics.contract.ts';
import { openSqliteStore } from '../sqlite/open-sqlite-store.ts';
import { computeFlowRollup, type RollupStep } from './flow-rollup-compute.ts';

const directory = mkdtempSync(join(tmpdir(), 'flowdesk-flow-rollup-'));

afterAll(() => {
  rmSync(directory, { recursive: true, force: true });
});

function sorted<T>(rows: T[]): T[] {
  return [...rows].sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b)));
}

describe('computeFlowRollup (what the Mongo adapter answers with)', () => {
  it('gives from the raw rows what the SQLite triggers counted', async () => {
    const store = await openSqliteStore({ path: join(directory, 'compute.sqlite') });
    await seedFlowAnalytics(store);
    const query = {
      flowId: 'flow-a',
      version: 1,
      from: '2026-11-01T00:00:00.000Z',
      to: '2026-11-16T00:00:00.000Z',
    };
    const counted = await store.flowAnalytics.rollup(query);
    const page = await store.executions.list({
      flowId: 'flow-a',
      version: 1,
      startedAfter: '2026-11-01T00:00:00.000Z',
      startedBefore: '2026-11-16T00:00:00.000Z',
    });
    const steps: RollupStep[] = [];
    for (const execution of page.items) {
      for (const step of await store.executions.listSteps(execution.id)) {
        steps.push({ ...step, executionId: execution.id, failed: Boolean(step.error) });
      }
    }
    const computed = computeFlowRollup(page.items, steps, [5, 2]);
    await store.close();
    expect(computed.outcomes).toEqual(counted.outcomes);
    expect(sorted(computed.exits)).toEqual(sorted(counted.exits));
    expect(sorted(computed.waits)).toEqual(sorted(counted.waits));
    expect(sorted(computed.stopped)).toEqual(sorted(counted.stopped));
  });
});
