// @vitest-environment happy-dom
import type { FlowGraph } from '@flowdesk/model';
import { cleanup, fireEvent, screen } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { renderWithI18n } from '../../testing/render-with-i18n.tsx';
import { TestRunPanel } from './test-run-panel.tsx';
import type { LiveRunResult, RunLive, RunTest } from './test-run-result.ts';

const AT = '2026-11-20T01:30:00.000Z';
const GRAPH: FlowGraph = {
  nodes: [{ id: 'trigger', type: 'trigger.request_received', config: {}, position: { x: 0, y: 0 } }],
  edges: [],
  settings: { timezone: 'Asia/Shanghai', defaultLocale: 'zh-CN', variables: [] },
};

const LIVE: LiveRunResult = {
  trigger: 'trigger.request_received',
  flows: [
    {
      flowId: 'off-hours',
      name: 'Off-hours reply',
      version: 3,
      started: true,
      outcome: {
        status: 'completed',
        steps: [],
        effects: [{ nodeId: 'reply', kind: 'message', summary: 'reply: We are closed' }],
      },
    },
    { flowId: 'intake', name: 'Intake', version: 1, started: false, reason: 'after_exclusive' },
  ],
};

beforeEach(() => window.localStorage.clear());
afterEach(cleanup);

function renderPanel(runLive?: RunLive) {
  const run = vi.fn<RunTest>();
  renderWithI18n(
    <TestRunPanel
      flowId="flow-1"
      graph={GRAPH}
      run={run}
      {...(runLive ? { runLive } : {})}
      selectedNodeIds={[]}
      onResult={() => undefined}
      onSelectNode={() => undefined}
      now={() => AT}
    />,
  );
  return run;
}

describe('test run: run all live flows', () => {
  it('sends the sample to every live flow and shows which would start and what they would send', async () => {
    const runLive = vi.fn<RunLive>(async () => LIVE);
    const run = renderPanel(runLive);
    fireEvent.change(screen.getByLabelText('Message'), { target: { value: '我要投诉' } });
    fireEvent.click(screen.getByRole('button', { name: 'Run all live flows' }));

    const section = await screen.findByRole('region', { name: 'Live flows' });
    expect(run).not.toHaveBeenCalled();
    expect(runLive.mock.calls[0]?.[0]).toMatchObject({ request: { message: '我要投诉', receivedAt: AT } });
    const items = [...section.querySelectorAll(':scope > ol > li')].map((item) => item.textContent);
    expect(items).toEqual([
      'Off-hours reply (v3) · Starts: completedMessage · Reply on the request’s own channel: We are closed',
      'Intake (v1) · Does not start: an exclusive flow earlier took the request',
    ]);
  });

  it('needs a message first, and has no button when the caller offers no live run', async () => {
    const runLive = vi.fn<RunLive>(async () => LIVE);
    renderPanel(runLive);
    fireEvent.click(screen.getByRole('button', { name: 'Run all live flows' }));
    expect((await screen.findByRole('alert')).textContent).toBe('Type a message first.');
    expect(runLive).not.toHaveBeenCalled();
    cleanup();
    renderPanel();
    expect(screen.queryByRole('button', { name: 'Run all live flows' })).toBeNull();
  });

  it('runs the live flows for the customer chosen in the customer section, as a single test run does', async () => {
    const runLive = vi.fn<RunLive>(async () => LIVE);
    renderPanel(runLive);
    fireEvent.change(screen.getByLabelText('Message'), { target: { value: '我要投诉' } });
    fireEvent.change(screen.getByLabelText('VIP level'), { target: { value: '4' } });
    fireEvent.click(screen.getByRole('button', { name: 'Run all live flows' }));
    await screen.findByRole('region', { name: 'Live flows' });
    expect(runLive.mock.calls[0]?.[1]).toEqual({ vipLevel: 4 });

    // A customer that is not valid is refused before anything is sent.
    fireEvent.change(screen.getByLabelText('VIP level'), { target: { value: '11' } });
    fireEvent.click(screen.getByRole('button', { name: 'Run all live flows' }));
    expect((await screen.findByRole('alert')).textContent).toContain('VIP level (0–10)');
    expect(runLive).toHaveBeenCalledTimes(1);
  });
});
