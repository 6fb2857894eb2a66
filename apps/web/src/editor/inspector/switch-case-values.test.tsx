// @vitest-environment happy-dom
import type { FlowGraph, WorkspaceReferences } from '@flowdesk/model';
import { cleanup, fireEvent, screen, within } from '@testing-library/react';
import { useState } from 'react';
import { afterEach, describe, expect, it } from 'vitest';
import { renderWithI18n } from '../../testing/render-with-i18n.tsx';
import { withTrpcAnswers } from '../../testing/trpc-answers.tsx';
import { switchCaseValueReference } from './compared-values.ts';
import { NodeConfigForm } from './node-config-form.tsx';
import { ReferenceSourcesProvider } from './workspace-references-context.tsx';

afterEach(cleanup);

/** Request → Classify (complaint / order status) → Switch on the category. */
const graph: FlowGraph = {
  nodes: [
    { id: 'start', type: 'trigger.request_received', config: {}, position: { x: 0, y: 0 } },
    {
      id: 'sort',
      type: 'logic.classify',
      config: {
        categories: [
          { id: 'complaint', label: '投诉', keywords: ['投诉'] },
          { id: 'order_status', label: 'Order status', keywords: ['order'] },
        ],
      },
      position: { x: 0, y: 0 },
    },
    { id: 'route', type: 'logic.switch', config: {}, position: { x: 0, y: 0 } },
  ],
  edges: [
    { id: 'e1', source: 'start', sourcePort: 'next', target: 'sort' },
    { id: 'e2', source: 'sort', sourcePort: 'default', target: 'route' },
  ],
  settings: { timezone: 'Asia/Shanghai', defaultLocale: 'zh-CN', variables: [] },
};

const NO_RECORDS: WorkspaceReferences = {
  team: [],
  agent: [],
  sla_policy: [],
  message_template: [],
  knowledge_tag: [],
};

/** The Switch's form as the inspector shows it: the graph's categories before it, its own state. */
function SwitchForm({ initial, seen }: { initial: Record<string, unknown>; seen: unknown[] }) {
  const [config, setConfig] = useState(initial);
  return (
    <ReferenceSourcesProvider graph={graph} nodeId="route">
      <NodeConfigForm
        type="logic.switch"
        config={config}
        graph={graph}
        nodeId="route"
        onChange={(next) => {
          seen.push(next);
          setConfig(next);
        }}
      />
    </ReferenceSourcesProvider>
  );
}

/** Renders the Switch form with workspace.references answered (no records: categories come from the graph). */
function renderSwitch(initial: Record<string, unknown>, seen: unknown[], locale: 'en' | 'zh-CN' = 'en') {
  const { ui } = withTrpcAnswers(
    { 'workspace.references': NO_RECORDS },
    <SwitchForm initial={initial} seen={seen} />,
  );
  return renderWithI18n(ui, locale);
}

function optionTexts(select: HTMLElement): string[] {
  return within(select)
    .getAllByRole('option')
    .map((option) => option.textContent ?? '');
}

describe('a Switch on a category field', () => {
  it('offers the Classify step’s categories by label for each case and stores the id', () => {
    const seen: unknown[] = [];
    renderSwitch(
      { field: 'classification.category', cases: [{ id: 'a', operator: 'equals', value: '' }] },
      seen,
    );
    const value = screen.getByRole('combobox', { name: 'Value' });
    expect(optionTexts(value)).toEqual(['(not set)', '投诉', 'Order status']);
    fireEvent.change(value, { target: { value: 'order_status' } });
    expect(seen.at(-1)).toEqual({
      field: 'classification.category',
      cases: [{ id: 'a', operator: 'equals', value: 'order_status' }],
    });
  });

  it('keeps a label typed where the id belongs, selected and flagged, in Chinese too', () => {
    renderSwitch(
      { field: 'classification.category', cases: [{ id: 'a', operator: 'equals', value: 'Complaint' }] },
      [],
      'zh-CN',
    );
    const value = screen.getByRole('combobox', { name: '值' });
    expect((value as HTMLSelectElement).value).toBe('Complaint');
    expect(optionTexts(value)).toEqual(['（未设置）', '投诉', 'Order status', '⚠ Complaint']);
    expect(value.getAttribute('aria-invalid')).toBe('true');
  });

  it('types the value of a list case and of a Switch on a field that names nothing', () => {
    const seen: unknown[] = [];
    renderSwitch(
      { field: 'classification.category', cases: [{ id: 'a', operator: 'in', value: ['complaint'] }] },
      seen,
    );
    expect(screen.getByRole('textbox', { name: 'Value' })).toBeTruthy();
    fireEvent.change(screen.getByRole('combobox', { name: 'Field' }), {
      target: { value: 'customer.vipLevel' },
    });
    fireEvent.change(screen.getByRole('combobox', { name: /Comparison/ }), { target: { value: 'equals' } });
    expect(seen.at(-1)).toMatchObject({ field: 'customer.vipLevel', cases: [{ operator: 'equals' }] });
    expect(screen.queryByRole('combobox', { name: 'Value' })).toBeNull();
    expect(screen.getByRole('textbox', { name: 'Value' })).toBeTruthy();
  });
});

describe('switchCaseValueReference', () => {
  const config = {
    field: 'ticket.team',
    cases: [
      { id: 'a', operator: 'equals', value: 'vip' },
      { id: 'b', operator: 'contains', value: 'v' },
    ],
  };
  it('names what an "equals" case of a Switch on a reference field holds, and nothing else', () => {
    expect(switchCaseValueReference(config, 'config.cases[0].value')).toBe('team');
    expect(switchCaseValueReference(config, 'config.cases[1].value')).toBeUndefined();
    expect(switchCaseValueReference(config, 'config.cases[0].label')).toBeUndefined();
    expect(switchCaseValueReference({ ...config, field: 'customer.name' }, 'config.cases[0].value')).toBe(
      undefined,
    );
  });
});
