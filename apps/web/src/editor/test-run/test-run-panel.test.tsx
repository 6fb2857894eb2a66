// @vitest-environment happy-dom
import type { FlowGraph } from '@flowdesk/model';
import { cleanup, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { useState } from 'react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { renderWithI18n } from '../../testing/render-with-i18n.tsx';
import { compareRun, type TestCase, type TestCaseApi } from './test-cases.store.ts';
import type { CustomerOption } from './test-customer.ts';
import { TestRunPanel } from './test-run-panel.tsx';
import type { RunTest, TestRunResult } from './test-run-result.ts';
import type { TestRunData } from './test-sample.ts';

const AT = '2026-11-20T01:30:00.000Z';
const GRAPH: FlowGraph = {
  nodes: [
    { id: 'trigger', type: 'trigger.request_received', config: {}, position: { x: 0, y: 0 } },
    { id: 'reply', type: 'action.send_message', label: 'Say thanks', config: {}, position: { x: 0, y: 100 } },
  ],
  edges: [{ id: 'e1', source: 'trigger', sourcePort: 'next', target: 'reply' }],
  settings: { timezone: 'Asia/Shanghai', defaultLocale: 'zh-CN', variables: [] },
};

const completed: TestRunResult = {
  status: 'completed',
  steps: [
    { seq: 1, nodeId: 'trigger', nodeType: 'trigger.request_received', port: 'next', input: {}, output: {} },
    {
      seq: 2,
      nodeId: 'reply',
      nodeType: 'action.send_message',
      port: 'next',
      input: { text: 'Thanks!' },
      output: { sent: 'simulated' },
    },
  ],
  effects: [{ nodeId: 'reply', kind: 'message', summary: 'web_form: Thanks!' }],
  incident: null,
};

/** The server's test cases in memory: saving runs the sample and keeps its path, like flows.saveTestCase. */
function memoryCases(run: RunTest): TestCaseApi & { stored: TestCase[] } {
  const stored: TestCase[] = [];
  const pathOf = (result: TestRunResult) => ({
    path: result.steps.map((step) => ({ nodeId: step.nodeId, port: step.port })),
    status: result.status,
  });
  return {
    stored,
    list: async () => structuredClone(stored),
    save: async (name, sample) => {
      const expected = pathOf(await run(sample.data, sample.customer));
      const index = stored.findIndex((entry) => entry.name === name);
      const saved = {
        id: index < 0 ? `tc-${stored.length + 1}` : (stored[index] as TestCase).id,
        name,
        sample,
        expected,
      };
      if (index < 0) stored.push(saved);
      else stored[index] = saved;
    },
    remove: async (id) => {
      stored.splice(
        stored.findIndex((entry) => entry.id === id),
        1,
      );
    },
    runAll: async () =>
      Promise.all(
        stored.map(async (entry) => {
          const actual = pathOf(await run(entry.sample.data, entry.sample.customer));
          const divergence = compareRun(entry.expected, actual);
          return {
            id: entry.id,
            name: entry.name,
            passed: divergence === null,
            expected: entry.expected,
            actual,
            divergence: divergence === 'status' ? null : divergence,
          };
        }),
      ),
  };
}

function Harness(props: {
  run: RunTest;
  results: Array<TestRunResult | undefined>;
  testCases?: TestCaseApi;
  search?: (query: string) => Promise<CustomerOption[]>;
  graph?: FlowGraph;
}) {
  const [selected, setSelected] = useState<string[]>([]);
  return (
    <TestRunPanel
      flowId="flow-1"
      graph={props.graph ?? GRAPH}
      run={props.run}
      selectedNodeIds={selected}
      onResult={(result) => props.results.push(result)}
      onSelectNode={(nodeId) => setSelected([nodeId])}
      now={() => AT}
      testCases={props.testCases}
      searchCustomers={props.search}
    />
  );
}

beforeEach(() => window.localStorage.clear());
afterEach(cleanup);

describe('test run panel', () => {
  it('maps the sample request form to testRun data and shows the result', async () => {
    const run = vi.fn<RunTest>(async () => completed);
    const results: Array<TestRunResult | undefined> = [];
    renderWithI18n(<Harness run={run} results={results} />);

    fireEvent.change(screen.getByLabelText('Channel'), { target: { value: 'email' } });
    fireEvent.change(screen.getByLabelText('Customer name'), { target: { value: ' Wang ' } });
    fireEvent.change(screen.getByLabelText('Customer email'), { target: { value: 'wang@example.com' } });
    fireEvent.change(screen.getByLabelText('Message'), { target: { value: 'Where is my order?' } });
    fireEvent.click(screen.getByRole('button', { name: 'Add custom field' }));
    fireEvent.change(screen.getByLabelText('Field name'), { target: { value: 'orderNo' } });
    fireEvent.change(screen.getByLabelText('Field value'), { target: { value: 'A-17' } });
    fireEvent.click(screen.getByRole('button', { name: 'Run test' }));

    await screen.findByTestId('test-run-status');
    expect(run).toHaveBeenCalledTimes(1);
    expect(run.mock.calls[0]?.[0]).toEqual({
      request: {
        id: 'test-request',
        channel: 'email',
        customer: { name: 'Wang', email: 'wang@example.com' },
        message: 'Where is my order?',
        attachments: [],
        customFields: { orderNo: 'A-17' },
        metadata: {},
        receivedAt: AT,
      },
    } satisfies TestRunData);
    expect(results.at(-1)).toBe(completed);
    expect(screen.getByTestId('test-run-status').textContent).toBe('Completed');
    const effects = screen.getByRole('list', { name: 'Would send' });
    expect(effects.textContent).toContain('web_form: Thanks!');
    expect(effects.textContent).toContain('Say thanks');

    // A step click selects its node and shows what went in and out.
    fireEvent.click(screen.getByRole('button', { name: 'Say thanks' }));
    const data = await screen.findByTestId('test-step-data');
    expect(data.textContent).toContain('Thanks!');
    expect(data.textContent).toContain('simulated');
  });

  it('says what is missing instead of running a request without a message', async () => {
    const run = vi.fn<RunTest>(async () => completed);
    renderWithI18n(<Harness run={run} results={[]} />);
    fireEvent.click(screen.getByRole('button', { name: 'Run test' }));
    expect((await screen.findByRole('alert')).textContent).toBe('Type a message first.');
    expect(run).not.toHaveBeenCalled();
  });

  it('saves samples as named cases on the server, lists them after a reload, and runs them all with a verdict each', async () => {
    const failed: TestRunResult = { ...completed, status: 'failed' };
    let broken = false;
    const run = vi.fn<RunTest>(async (data) =>
      broken && String(data.request?.message).includes('broken') ? failed : completed,
    );
    const cases = memoryCases(run);
    const first = renderWithI18n(<Harness run={run} results={[]} testCases={cases} />);
    const message = () => screen.getByLabelText('Message');
    const save = async (name: string, count: number) => {
      fireEvent.change(screen.getByLabelText('Test case name'), { target: { value: name } });
      fireEvent.click(screen.getByRole('button', { name: 'Save sample' }));
      await waitFor(() => expect(screen.getAllByTestId('test-case')).toHaveLength(count));
    };
    fireEvent.change(message(), { target: { value: 'All good' } });
    await save('happy path', 1);
    fireEvent.change(message(), { target: { value: 'Something broken' } });
    await save('broken path', 2);
    first.unmount();

    // The flow now fails on the second sample: run all judges each against the path it was saved with.
    broken = true;
    renderWithI18n(<Harness run={run} results={[]} testCases={cases} />);
    await waitFor(() =>
      expect(
        screen.getAllByTestId('test-case').map((item) => item.querySelector('.case-name')?.textContent),
      ).toEqual(['happy path', 'broken path']),
    );
    fireEvent.click(screen.getByRole('button', { name: 'Run all' }));
    await waitFor(() => expect(screen.getByTestId('run-all-summary').textContent).toBe('1 of 2 passed'));
    const verdict = (index: number) =>
      within(screen.getAllByTestId('test-case')[index] as HTMLElement).getByTestId('case-verdict')
        .textContent;
    expect(verdict(0)).toBe('Passed');
    expect(verdict(1)).toBe('Failed');

    // Running one case loads its sample into the form.
    fireEvent.click(screen.getByRole('button', { name: 'Run broken path' }));
    await waitFor(() => expect(screen.getByTestId('test-run-status').textContent).toBe('Failed'));
    expect((message() as HTMLTextAreaElement).value).toBe('Something broken');

    fireEvent.click(screen.getByRole('button', { name: 'Delete happy path' }));
    await waitFor(() => expect(screen.getAllByTestId('test-case')).toHaveLength(1));
    expect(cases.stored.map((entry) => entry.name)).toEqual(['broken path']);
  });

  it('says where a case left its saved path', async () => {
    const vipPath: TestRunResult = {
      ...completed,
      steps: [
        {
          seq: 1,
          nodeId: 'trigger',
          nodeType: 'trigger.request_received',
          port: 'next',
          input: {},
          output: {},
        },
      ],
    };
    let changed = false;
    const run = vi.fn<RunTest>(async () => (changed ? vipPath : completed));
    const cases = memoryCases(run);
    renderWithI18n(<Harness run={run} results={[]} testCases={cases} />);
    fireEvent.change(screen.getByLabelText('Message'), { target: { value: 'hi' } });
    fireEvent.change(screen.getByLabelText('Test case name'), { target: { value: 'thanks' } });
    fireEvent.click(screen.getByRole('button', { name: 'Save sample' }));
    await screen.findByTestId('test-case');
    changed = true;
    fireEvent.click(screen.getByRole('button', { name: 'Run all' }));
    expect((await screen.findByTestId('case-divergence')).textContent).toBe(
      'Left the saved path at step 2: expected Say thanks → Next, got the end',
    );
  });
});

describe('the customer section', () => {
  it('runs the sample as the customer set by hand, and as an existing customer found by search', async () => {
    const run = vi.fn<RunTest>(async () => completed);
    const found: CustomerOption = {
      id: 'cust-1',
      name: '王芳',
      phone: '*******5678',
      email: null,
      vipLevel: 4,
      tags: ['金卡'],
      requestCount: 9,
      complaintCount: 1,
      locale: 'zh-CN',
    };
    const search = vi.fn(async () => [found]);
    renderWithI18n(<Harness run={run} results={[]} search={search} />);
    fireEvent.change(screen.getByLabelText('Message'), { target: { value: '我要退货' } });
    const section = within(screen.getByTestId('test-customer'));
    fireEvent.change(section.getByLabelText('VIP level'), { target: { value: '3' } });
    fireEvent.change(section.getByLabelText('Tags'), { target: { value: '金卡, 老客户' } });
    fireEvent.change(section.getByLabelText('Previous requests'), { target: { value: '5' } });
    fireEvent.click(screen.getByRole('button', { name: 'Run test' }));
    await waitFor(() => expect(run).toHaveBeenCalledTimes(1));
    expect(run.mock.calls[0]?.[1]).toEqual({ vipLevel: 3, tags: ['金卡', '老客户'], requestCount: 5 });

    fireEvent.change(section.getByLabelText('Existing customer'), { target: { value: '5678' } });
    fireEvent.click(section.getByRole('button', { name: 'Find' }));
    fireEvent.click(await section.findByRole('button', { name: '王芳 · *******5678 · VIP 4' }));
    expect(search).toHaveBeenCalledWith('5678');
    expect(section.getByTestId('test-customer-picked').textContent).toContain('王芳 · *******5678');
    // The list is gone with the button pressed: focus moves to whom it picked.
    await waitFor(() => expect(document.activeElement).toBe(section.getByTestId('test-customer-picked')));
    expect((section.getByLabelText('VIP level') as HTMLInputElement).value).toBe('4');
    fireEvent.click(screen.getByRole('button', { name: 'Run test' }));
    await waitFor(() => expect(run).toHaveBeenCalledTimes(2));
    expect(run.mock.calls[1]?.[1]).toEqual({
      customerId: 'cust-1',
      vipLevel: 4,
      tags: ['金卡'],
      locale: 'zh-CN',
      requestCount: 9,
      complaintCount: 1,
    });

    // A VIP level out of range is said, not sent.
    fireEvent.change(section.getByLabelText('VIP level'), { target: { value: '12' } });
    fireEvent.click(screen.getByRole('button', { name: 'Run test' }));
    expect((await screen.findByRole('alert')).textContent).toBe(
      'VIP level (0–10) and the counts must be whole numbers of 0 or more.',
    );
    expect(run).toHaveBeenCalledTimes(2);
  });

  it('sends no customer when the section is left empty, as before', async () => {
    const run = vi.fn<RunTest>(async () => completed);
    renderWithI18n(<Harness run={run} results={[]} />);
    fireEvent.change(screen.getByLabelText('Message'), { target: { value: 'hi' } });
    fireEvent.click(screen.getByRole('button', { name: 'Run test' }));
    await waitFor(() => expect(run).toHaveBeenCalledTimes(1));
    expect(run.mock.calls[0]).toHaveLength(1);
  });
});

describe('the approval decision of a test run', () => {
  const APPROVAL_GRAPH: FlowGraph = {
    ...GRAPH,
    nodes: [
      ...GRAPH.nodes,
      { id: 'ask', type: 'timing.ask_approval', config: {}, position: { x: 0, y: 200 } },
    ],
  };

  it('is offered only for a flow that asks for approval, approved unless picked otherwise', async () => {
    const run = vi.fn<RunTest>(async () => completed);
    const plain = renderWithI18n(<Harness run={run} results={[]} />);
    expect(screen.queryByLabelText('Approval decision')).toBeNull();
    plain.unmount();

    renderWithI18n(<Harness run={run} results={[]} graph={APPROVAL_GRAPH} />);
    const decision = screen.getByLabelText('Approval decision') as HTMLSelectElement;
    expect(decision.value).toBe('approved');
    expect([...decision.options].map((option) => option.textContent)).toEqual([
      'Approved',
      'Rejected',
      'No answer (times out)',
    ]);
    fireEvent.change(screen.getByLabelText('Message'), { target: { value: '退款 1200 元' } });
    fireEvent.click(screen.getByRole('button', { name: 'Run test' }));
    await waitFor(() => expect(run).toHaveBeenCalledTimes(1));
    expect(run.mock.calls[0]?.[2]).toBe('approved');

    fireEvent.change(decision, { target: { value: 'timed_out' } });
    fireEvent.click(screen.getByRole('button', { name: 'Run test' }));
    await waitFor(() => expect(run).toHaveBeenCalledTimes(2));
    expect(run.mock.calls[1]?.[2]).toBe('timed_out');
  });

  it('is kept by a saved case and picked again when the case runs', async () => {
    const run = vi.fn<RunTest>(async () => completed);
    const cases = memoryCases(run);
    renderWithI18n(<Harness run={run} results={[]} testCases={cases} graph={APPROVAL_GRAPH} />);
    const decision = () => screen.getByLabelText('Approval decision') as HTMLSelectElement;
    fireEvent.change(screen.getByLabelText('Message'), { target: { value: '退款 1200 元' } });
    fireEvent.change(decision(), { target: { value: 'rejected' } });
    fireEvent.change(screen.getByLabelText('Test case name'), { target: { value: 'refused' } });
    fireEvent.click(screen.getByRole('button', { name: 'Save sample' }));
    await screen.findByTestId('test-case');
    expect(cases.stored[0]?.sample.approvalOutcome).toBe('rejected');

    fireEvent.change(decision(), { target: { value: 'approved' } });
    run.mockClear();
    fireEvent.click(screen.getByRole('button', { name: 'Run refused' }));
    await waitFor(() => expect(run).toHaveBeenCalledTimes(1));
    expect(run.mock.calls[0]?.[2]).toBe('rejected');
    expect(decision().value).toBe('rejected');
  });
});
