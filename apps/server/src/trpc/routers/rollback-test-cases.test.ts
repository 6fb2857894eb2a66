import type { FlowGraph } from '@flowdesk/model';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestBed, type TestBed } from '../../testing/server-test-kit.ts';

/** Rolling back makes an old graph live, so the flow's saved test cases gate it as they gate publishing. */

const at = { x: 0, y: 0 };
function levelGraph(threshold: number): FlowGraph {
  return {
    nodes: [
      { id: 'start', type: 'trigger.request_received', config: { channels: [] }, position: at },
      {
        id: 'vip',
        type: 'logic.condition',
        config: {
          mode: 'rules',
          rules: {
            kind: 'group',
            combinator: 'all',
            children: [
              { kind: 'rule', field: 'request.customFields.level', operator: 'gte', value: threshold },
            ],
          },
        },
        position: at,
      },
      {
        id: 'hello',
        type: 'action.send_message',
        config: { channel: 'reply', body: { 'zh-CN': '尊敬的客户您好', en: 'Hello' } },
        position: at,
      },
    ],
    edges: [
      { id: 'e1', source: 'start', sourcePort: 'next', target: 'vip' },
      { id: 'e2', source: 'vip', sourcePort: 'true', target: 'hello' },
    ],
    settings: { timezone: 'Asia/Shanghai', defaultLocale: 'zh-CN', variables: [] },
  };
}

let bed: TestBed;
beforeEach(async () => {
  bed = await createTestBed();
});
afterEach(() => bed.close());

/** v1 treats level 3 as VIP, v2 only level 5; the saved case says level 3 is not VIP (v2's behaviour). */
async function twoVersions() {
  const editor = bed.callerAs(bed.users.editor);
  const flow = await editor.flows.create({ name: 'Returns', graph: levelGraph(3) });
  await editor.flows.publish({ id: flow.id });
  await editor.flows.updateDraft({ id: flow.id, graph: levelGraph(5), expectedRevision: 1 });
  await editor.flows.publish({ id: flow.id });
  const data = { request: { channel: 'api', message: '你好', customFields: { level: 3 } } };
  await editor.flows.saveTestCase({ id: flow.id, name: '普通客户', sample: { data } });
  return flow;
}

describe('versions.rollback with saved test cases', () => {
  it('is refused while a case fails on the old version, naming it, and an editor cannot override', async () => {
    const flow = await twoVersions();
    const editor = bed.callerAs(bed.users.editor);
    await expect(editor.versions.rollback({ flowId: flow.id, version: 1 })).rejects.toMatchObject({
      code: 'PRECONDITION_FAILED',
      cause: {
        code: 'publish_tests_failed',
        extra: { failingCases: [expect.objectContaining({ name: '普通客户', passed: false })] },
      },
    });
    await expect(
      editor.versions.rollback({ flowId: flow.id, version: 1, override: { note: 'hotfix' } }),
    ).rejects.toMatchObject({ code: 'FORBIDDEN', cause: { code: 'publish_override_admins_only' } });
    expect((await bed.store.versions.latest(flow.id))?.version).toBe(2);
  });

  it('lets an admin roll back anyway with a note, kept in the audit log and the version', async () => {
    const flow = await twoVersions();
    const admin = bed.callerAs(bed.users.admin);
    const rolled = await admin.versions.rollback({
      flowId: flow.id,
      version: 1,
      override: { note: '新门槛出错，先回到 3' },
    });
    expect(rolled).toMatchObject({ version: 3, rolledBackTo: 1 });
    const [entry] = (await admin.audit.list({ action: 'flow.rollback' })).items;
    expect(entry?.details).toMatchObject({
      version: 3,
      rolledBackTo: 1,
      overrideNote: '新门槛出错，先回到 3',
      failingCases: ['普通客户'],
    });
    expect((await bed.store.versions.get(flow.id, 3))?.note).toContain('新门槛出错，先回到 3');
  });

  it('rolls back without a note when every case passes on the old version', async () => {
    const flow = await twoVersions();
    const editor = bed.callerAs(bed.users.editor);
    await editor.versions
      .rollback({ flowId: flow.id, version: 1, override: { note: 'x' } })
      .catch(() => undefined);
    // Version 2 agrees with the saved case: rolling back to it needs no override.
    await expect(editor.versions.rollback({ flowId: flow.id, version: 2 })).resolves.toMatchObject({
      version: 3,
    });
  });
});
