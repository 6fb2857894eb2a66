// @vitest-environment happy-dom
import type { FlowGraph } from '@flowdesk/model';
import { cleanup, fireEvent, screen, waitFor } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { renderWithI18n } from '../../testing/render-with-i18n.tsx';
import { type SampleSourceProvider, sampleFromExecutionData } from './sample-sources.ts';
import { TestRunPanel } from './test-run-panel.tsx';
import type { RunTest } from './test-run-result.ts';

const GRAPH: FlowGraph = {
  nodes: [{ id: 'trigger', type: 'trigger.request_received', config: {}, position: { x: 0, y: 0 } }],
  edges: [],
  settings: { timezone: 'Asia/Shanghai', defaultLocale: 'zh-CN', variables: [] },
};

const PAST_DATA = {
  request: {
    id: 'req-9',
    channel: 'wechat',
    customer: { name: '王芳', phone: '13800138000', channelId: 'openid-1' },
    subject: '物流',
    message: '我的订单 {{ order.no }} 到哪了？',
    customFields: { orderNo: 'A-17', amount: 1200 },
    metadata: {},
    receivedAt: '2026-11-20T01:30:00.000Z',
  },
  customer: { id: 'cust-1', vipLevel: 3 },
  ticket: { number: 'CS202611200001' },
  variables: {},
};

afterEach(cleanup);

describe('samples from past requests', () => {
  it('fills the request form from what the customer really sent, text kept literally', () => {
    expect(sampleFromExecutionData('trigger.request_received', PAST_DATA)).toEqual({
      kind: 'request',
      channel: 'wechat',
      name: '王芳',
      phone: '13800138000',
      email: '',
      subject: '物流',
      message: '我的订单 {{ order.no }} 到哪了？',
      customFields: [
        { key: 'orderNo', value: 'A-17' },
        { key: 'amount', value: '1200' },
      ],
    });
  });

  it('keeps only the sources an event trigger brings, and refuses data without them', () => {
    const sample = sampleFromExecutionData('trigger.ticket_event', PAST_DATA);
    expect(sample?.kind).toBe('event');
    expect(sample?.kind === 'event' ? JSON.parse(sample.json) : null).toEqual({
      ticket: PAST_DATA.ticket,
      customer: PAST_DATA.customer,
    });
    expect(sampleFromExecutionData('trigger.request_received', { variables: {} })).toBeUndefined();
    expect(sampleFromExecutionData('trigger.schedule', 'nonsense')).toBeUndefined();
  });

  it('lets the admin pick a past request and runs the draft against it', async () => {
    const run = vi.fn<RunTest>(async () => ({ status: 'completed', steps: [], effects: [], incident: null }));
    const provider = vi.fn<SampleSourceProvider>(async () => [
      {
        id: 'exec-9',
        group: 'past',
        label: '20/11 09:30 · v2',
        load: async () => sampleFromExecutionData('trigger.request_received', PAST_DATA),
      },
    ]);
    renderWithI18n(
      <TestRunPanel
        flowId="flow-1"
        graph={GRAPH}
        run={run}
        sampleSources={provider}
        selectedNodeIds={[]}
        onResult={() => undefined}
        onSelectNode={() => undefined}
        now={() => '2026-11-23T01:00:00.000Z'}
      />,
    );
    expect(provider).not.toHaveBeenCalled();
    fireEvent.click(screen.getByRole('button', { name: 'Start from a past request or template sample' }));
    fireEvent.click(await screen.findByRole('button', { name: 'Use' }));
    await waitFor(() =>
      expect(screen.getByLabelText<HTMLTextAreaElement>('Message').value).toBe(
        '我的订单 {{ order.no }} 到哪了？',
      ),
    );
    fireEvent.click(screen.getByRole('button', { name: 'Run test' }));
    await waitFor(() => expect(run).toHaveBeenCalledTimes(1));
    expect(run.mock.calls[0]?.[0]).toMatchObject({
      request: { channel: 'wechat', customer: { name: '王芳' }, customFields: { orderNo: 'A-17' } },
    });
  });

  it('says so when a flow has nothing to start from', async () => {
    renderWithI18n(
      <TestRunPanel
        flowId="flow-1"
        graph={GRAPH}
        run={vi.fn<RunTest>()}
        sampleSources={async () => []}
        selectedNodeIds={[]}
        onResult={() => undefined}
        onSelectNode={() => undefined}
      />,
    );
    fireEvent.click(screen.getByRole('button', { name: 'Start from a past request or template sample' }));
    expect(
      await screen.findByText('This flow has no past requests and no template samples yet.'),
    ).toBeTruthy();
  });
});
