// @vitest-environment happy-dom
import type { FlowGraph } from '@flowdesk/model';
import { cleanup, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { useState } from 'react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { renderWithI18n } from '../../testing/render-with-i18n.tsx';
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

function Harness(props: { run: RunTest; results: Array<TestRunResult | undefined> }) {
  const [selected, setSelected] = useState<string[]>([]);
  return (
    <TestRunPanel
      flowId="flow-1"
      graph={GRAPH}
      run={props.run}
      selectedNodeIds={selected}
      onResult={(result) => props.results.push(result)}
      onSelectNode={(nodeId) => setSelected([nodeId])}
      now={() => AT}
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

  it('saves samples as named cases, lists them after a reload, and runs them all with a verdict each', async () => {
    const failed: TestRunResult = { ...completed, status: 'failed' };
    const run = vi.fn<RunTest>(async (data) =>
      String(data.request?.message).includes('broken') ? failed : completed,
    );
    const first = renderWithI18n(<Harness run={run} results={[]} />);
    const message = () => screen.getByLabelText('Message');
    const save = (name: string) => {
      fireEvent.change(screen.getByLabelText('Test case name'), { target: { value: name } });
      fireEvent.click(screen.getByRole('button', { name: 'Save sample' }));
    };
    fireEvent.change(message(), { target: { value: 'All good' } });
    save('happy path');
    fireEvent.change(message(), { target: { value: 'Something broken' } });
    save('broken path');
    first.unmount();

    renderWithI18n(<Harness run={run} results={[]} />);
    const items = screen.getAllByTestId('test-case');
    expect(items.map((item) => item.querySelector('.case-name')?.textContent)).toEqual([
      'happy path',
      'broken path',
    ]);
    fireEvent.click(screen.getByRole('button', { name: 'Run all' }));
    await waitFor(() => expect(screen.getByTestId('run-all-summary').textContent).toBe('1 of 2 passed'));
    expect(run).toHaveBeenCalledTimes(2);
    const verdict = (index: number) =>
      within(screen.getAllByTestId('test-case')[index] as HTMLElement).getByTestId('case-verdict')
        .textContent;
    expect(verdict(0)).toBe('Passed');
    expect(verdict(1)).toBe('Failed');

    // Running one case loads its sample into the form.
    fireEvent.click(screen.getByRole('button', { name: 'Run broken path' }));
    await waitFor(() => expect(run).toHaveBeenCalledTimes(3));
    expect((message() as HTMLTextAreaElement).value).toBe('Something broken');
    await waitFor(() => expect(screen.getByTestId('test-run-status').textContent).toBe('Failed'));

    fireEvent.click(screen.getByRole('button', { name: 'Delete happy path' }));
    expect(screen.getAllByTestId('test-case')).toHaveLength(1);
    expect(JSON.parse(window.localStorage.getItem('flowdesk.testCases.flow-1') ?? '[]')).toHaveLength(1);
  });
});
