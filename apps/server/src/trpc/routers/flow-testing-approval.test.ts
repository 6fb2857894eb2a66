import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { approvalFlow } from '../../runtime/dry-run/dry-run-test-kit.ts';
import { createTestBed, type TestBed } from '../../testing/server-test-kit.ts';

/**
 * The tester picks what the person asked by an "Ask for approval" step
 * decides (approved unless picked otherwise), and a saved case keeps the pick.
 */

const approvalGraph = () => approvalFlow();

const data = { request: { channel: 'api', message: '退款 1200 元' } };
const portOfAsk = (result: { steps: { nodeId: string; port?: string | undefined }[] }) =>
  result.steps.find((step) => step.nodeId === 'approve')?.port;

let bed: TestBed;
beforeEach(async () => {
  bed = await createTestBed();
});
afterEach(() => bed.close());

describe('the simulated outcome of an approval in a test run', () => {
  it('is approved by default and follows the tester’s pick otherwise, on the draft and on live flows', async () => {
    const editor = bed.callerAs(bed.users.editor);
    expect(portOfAsk(await editor.flows.testRun({ graph: approvalGraph(), data }))).toBe('approved');
    const rejected = await editor.flows.testRun({
      graph: approvalGraph(),
      data,
      approvalOutcome: 'rejected',
    });
    expect(portOfAsk(rejected)).toBe('rejected');
    expect(rejected.steps.at(-1)?.nodeId).toBe('no');
    const late = await editor.flows.testRun({ graph: approvalGraph(), data, approvalOutcome: 'timed_out' });
    expect(portOfAsk(late)).toBe('timed_out');

    const flow = await editor.flows.create({ name: 'Refunds', graph: approvalGraph() });
    await editor.flows.publish({ id: flow.id });
    const live = await editor.flows.testRunLive({ data, approvalOutcome: 'rejected' });
    const [entry] = live.flows;
    expect(entry?.started && portOfAsk(entry.outcome)).toBe('rejected');
  });

  it('refuses an outcome it does not know, and stays an editors’ tool', async () => {
    const editor = bed.callerAs(bed.users.editor);
    await expect(
      editor.flows.testRun({ graph: approvalGraph(), data, approvalOutcome: 'maybe' as 'approved' }),
    ).rejects.toMatchObject({ code: 'BAD_REQUEST' });
    const flow = await editor.flows.create({ name: 'Refunds', graph: approvalGraph() });
    await expect(
      bed.callerAs(bed.users.viewer).flows.testRun({ id: flow.id, data, approvalOutcome: 'rejected' }),
    ).rejects.toMatchObject({ code: 'FORBIDDEN' });
  });

  it('is kept by a saved case, which runs with it again', async () => {
    const editor = bed.callerAs(bed.users.editor);
    const flow = await editor.flows.create({ name: 'Refunds', graph: approvalGraph() });
    const saved = await editor.flows.saveTestCase({
      id: flow.id,
      name: 'refused refund',
      sample: { data, approvalOutcome: 'rejected' },
    });
    expect(saved.sample).toMatchObject({ approvalOutcome: 'rejected' });
    expect(saved.expected).toMatchObject({ status: 'cancelled' });
    expect((saved.expected as { path: { nodeId: string }[] }).path.at(-1)?.nodeId).toBe('no');

    const [listed] = await editor.flows.testCases({ id: flow.id });
    expect(listed?.sample).toMatchObject({ approvalOutcome: 'rejected' });
    const run = await editor.flows.runTestCases({ id: flow.id });
    expect(run).toMatchObject({ passed: 1, total: 1 });
  });
});
