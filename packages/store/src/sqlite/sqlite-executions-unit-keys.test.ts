import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { JsonObject } from '../port/json.types.ts';
import type { StoreRepositories } from '../store.port.ts';
import { openSqliteStore, type SqliteStore } from './open-sqlite-store.ts';

/**
 * Inside one unit of the group commit, the executions repository remembers the
 * search keys of each execution it created or read, and a save that leaves them
 * as stored skips their UPDATE. The search must still find every execution by
 * what its last saved state says, whatever sequence of reads and saves a unit
 * makes, and the flow rollup must still count steps appended after a read.
 */

let store: SqliteStore;
const AT = '2026-12-07T08:00:00.000Z';

function state(ticket?: string, phone?: string): JsonObject {
  return {
    data: {
      variables: {},
      ...(ticket ? { ticket: { number: ticket } } : {}),
      ...(phone ? { customer: { id: 'c-1', name: '王小明', phone } } : {}),
    },
  };
}

async function found(search: string): Promise<string[]> {
  return (await store.executions.list({ search })).items.map((item) => item.id);
}

function save(tx: Pick<StoreRepositories, 'executions'>, id: string, revision: number, document: JsonObject) {
  return tx.executions.save(
    id,
    { state: document, status: 'waiting', currentNodeId: 'wait', updatedAt: AT, finishedAt: null },
    revision,
  );
}

describe('execution search keys within one unit', () => {
  beforeEach(async () => {
    store = await openSqliteStore({ path: ':memory:' });
  });
  afterEach(async () => {
    await store.close();
  });

  it('follows a create, then saves that change the keys, keep them and change them back', async () => {
    await store.transaction(async (tx) => {
      await tx.executions.create({
        id: 'e-1',
        flowId: 'f',
        version: 1,
        status: 'running',
        state: state(),
        startedAt: AT,
      });
      expect(await save(tx, 'e-1', 1, state('CS20261207001'))).toMatchObject({ ok: true });
      expect(await save(tx, 'e-1', 2, state('CS20261207001'))).toMatchObject({ ok: true });
    });
    expect(await found('CS20261207001')).toEqual(['e-1']);

    await store.transaction(async (tx) => {
      const record = await tx.executions.get('e-1');
      expect(record?.revision).toBe(3);
      await save(tx, 'e-1', 3, state('CS20261207001', '13812345678'));
      await save(tx, 'e-1', 4, state('CS20261207002', '13812345678'));
      await save(tx, 'e-1', 5, state('CS20261207001', '13812345678'));
    });
    expect(await found('CS20261207001')).toEqual(['e-1']);
    expect(await found('CS20261207002')).toEqual([]);
    expect(await found('13812345678')).toEqual(['e-1']);

    // Read A, save B, save A again: the last save must not be skipped as "unchanged" from the read.
    await store.transaction(async (tx) => {
      await tx.executions.get('e-1');
      await save(tx, 'e-1', 6, state('CS20261207001'));
      await save(tx, 'e-1', 7, state('CS20261207001', '13812345678'));
    });
    expect(await found('13812345678')).toEqual(['e-1']);

    // A read in a later unit learns the keys the earlier units stored, not the ones it started with.
    await store.transaction(async (tx) => {
      await tx.executions.get('e-1');
      await save(tx, 'e-1', 8, state('CS20261207001'));
    });
    expect(await found('13812345678')).toEqual([]);
    expect(await found('CS20261207001')).toEqual(['e-1']);
  });

  it('a save that loses its revision race leaves the remembered keys as they were', async () => {
    await store.executions.create({
      id: 'e-2',
      flowId: 'f',
      version: 1,
      status: 'running',
      state: state('CS20261207003'),
      startedAt: AT,
    });
    await store.transaction(async (tx) => {
      await tx.executions.get('e-2');
      expect(await save(tx, 'e-2', 7, state('CS20261207004'))).toMatchObject({
        ok: false,
        reason: 'revision_conflict',
      });
      await save(tx, 'e-2', 1, state('CS20261207004'));
    });
    expect(await found('CS20261207004')).toEqual(['e-2']);
    expect(await found('CS20261207003')).toEqual([]);
  });

  it('counts steps appended after a read into the flow rollup, under the execution’s own flow', async () => {
    await store.executions.create({
      id: 'e-3',
      flowId: 'flow-rollup',
      version: 2,
      status: 'waiting',
      state: state(),
      startedAt: AT,
    });
    await store.transaction(async (tx) => {
      await tx.executions.get('e-3');
      await tx.executions.appendSteps('e-3', [
        {
          seq: 1,
          nodeId: 'start',
          nodeType: 'trigger.request_received',
          visit: 1,
          input: {},
          output: {},
          port: 'next',
          startedAt: AT,
          finishedAt: AT,
          error: null,
        },
      ]);
    });
    const rows = store.database
      .prepare('SELECT flow_id, version, sum(count) AS n FROM flow_path_rollup GROUP BY flow_id, version')
      .all();
    expect(rows).toEqual([{ flow_id: 'flow-rollup', version: 2, n: 1 }]);
  });
});
