// @vitest-environment happy-dom
import type { FlowGraph, RuleGroup, WorkspaceReferences } from '@flowdesk/model';
import { cleanup, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { type ReactNode, useState } from 'react';
import { afterEach, describe, expect, it } from 'vitest';
import { renderWithI18n } from '../../testing/render-with-i18n.tsx';
import { withTrpcAnswers } from '../../testing/trpc-answers.tsx';
import { fieldOptions } from './field-options.ts';
import { NodeConfigForm } from './node-config-form.tsx';
import { RuleBuilder } from './rule-builder.tsx';
import { ReferenceSourcesProvider } from './workspace-references-context.tsx';

afterEach(cleanup);

/** The server's answer to workspace.references, as the tRPC client receives it. */
const WORKSPACE: WorkspaceReferences = {
  team: [
    { id: 'after_sales', label: { 'zh-CN': '售后组', en: 'After-sales' } },
    { id: 'vip', label: { 'zh-CN': 'VIP 专席', en: 'VIP desk' } },
  ],
  agent: [{ id: 'agent-li', label: { 'zh-CN': '李明', en: '李明' } }],
  sla_policy: [],
  message_template: [{ id: 'tpl-ack', label: { 'zh-CN': '受理通知', en: 'Acknowledgement' } }],
  knowledge_tag: [],
};

/** The dropdowns' sources as in the editor, with workspace.references answered from WORKSPACE. */
function withWorkspace(children: ReactNode, graph?: FlowGraph, nodeId?: string) {
  return withTrpcAnswers(
    { 'workspace.references': WORKSPACE },
    <ReferenceSourcesProvider {...(graph ? { graph } : {})} {...(nodeId ? { nodeId } : {})}>
      {children}
    </ReferenceSourcesProvider>,
  );
}

function AssignForm({ initial, seen }: { initial: Record<string, unknown>; seen: unknown[] }) {
  const [config, setConfig] = useState(initial);
  return (
    <NodeConfigForm
      type="action.assign"
      config={config}
      onChange={(next) => {
        seen.push(next);
        setConfig(next);
      }}
    />
  );
}

/** A condition's rule builder holding `classification.category equals "Complaint"`: the label where the id belongs. */
function CategoryRule({ graph, seen }: { graph: FlowGraph; seen: RuleGroup[] }) {
  const [group, setGroup] = useState<RuleGroup>({
    kind: 'group',
    combinator: 'all',
    children: [{ kind: 'rule', field: 'classification.category', operator: 'equals', value: 'Complaint' }],
  });
  return (
    <RuleBuilder
      group={group}
      fields={fieldOptions(graph, 'en')}
      path="config.rules"
      onChange={(next) => {
        seen.push(next);
        setGroup(next);
      }}
    />
  );
}

function optionTexts(select: HTMLElement): string[] {
  return within(select)
    .getAllByRole('option')
    .map((option) => option.textContent ?? '');
}

describe('reference dropdowns in the inspector', () => {
  it('offers the workspace’s teams by name from workspace.references and stores the id', async () => {
    const seen: unknown[] = [];
    const { ui, requested } = withWorkspace(
      <AssignForm initial={{ target: 'team', teamId: 'after_sales' }} seen={seen} />,
    );
    renderWithI18n(ui);
    const team = screen.getByRole('combobox', { name: 'Team' });
    await waitFor(() => expect(optionTexts(team)).toContain('VIP desk'));
    expect(requested).toContain('workspace.references');
    expect(optionTexts(team)).toEqual(['(not set)', 'After-sales', 'VIP desk']);
    expect((team as HTMLSelectElement).value).toBe('after_sales');
    expect(team.getAttribute('aria-invalid')).toBeNull();

    fireEvent.change(team, { target: { value: 'vip' } });
    expect(seen.at(-1)).toMatchObject({ target: 'team', teamId: 'vip' });
  });

  it('keeps a stored team the workspace does not have, selected and flagged with the linter’s words', async () => {
    const { ui } = withWorkspace(<AssignForm initial={{ target: 'team', teamId: 'VIP team' }} seen={[]} />);
    renderWithI18n(ui, 'zh-CN');
    const team = screen.getByRole('combobox', { name: '团队' });
    await waitFor(() => expect(team.getAttribute('aria-invalid')).toBe('true'));
    expect((team as HTMLSelectElement).value).toBe('VIP team');
    expect(optionTexts(team)).toEqual(['（未设置）', '售后组', 'VIP 专席', '⚠ VIP team']);
    expect(screen.getByText(/「VIP team」不是本工作区中的团队/).id).toBe(
      team.getAttribute('aria-describedby'),
    );
  });

  it('shows a stored value as it is, unflagged, while the list is not known', () => {
    renderWithI18n(<AssignForm initial={{ target: 'team', teamId: 'VIP team' }} seen={[]} />);
    const team = screen.getByRole('combobox', { name: 'Team' });
    expect((team as HTMLSelectElement).value).toBe('VIP team');
    expect(team.getAttribute('aria-invalid')).toBeNull();
  });

  it('offers a Send message step the saved message templates', async () => {
    const { ui } = withWorkspace(
      <NodeConfigForm type="action.send_message" config={{ channel: 'reply' }} onChange={() => {}} />,
    );
    renderWithI18n(ui);
    const template = screen.getByRole('combobox', { name: 'Message template' });
    await waitFor(() => expect(optionTexts(template)).toEqual(['(not set)', 'Acknowledgement']));
  });

  it('picks a category of the Classify step before the condition by its label, stored by its id', async () => {
    const graph: FlowGraph = {
      nodes: [
        { id: 'start', type: 'trigger.request_received', config: {}, position: { x: 0, y: 0 } },
        {
          id: 'sort',
          type: 'logic.classify',
          config: { categories: [{ id: 'complaint', label: '投诉', keywords: ['投诉'] }] },
          position: { x: 0, y: 0 },
        },
        { id: 'angry', type: 'logic.condition', config: {}, position: { x: 0, y: 0 } },
      ],
      edges: [
        { id: 'e1', source: 'start', sourcePort: 'next', target: 'sort' },
        { id: 'e2', source: 'sort', sourcePort: 'complaint', target: 'angry' },
      ],
      settings: { timezone: 'Asia/Shanghai', defaultLocale: 'zh-CN', variables: [] },
    };
    const seen: RuleGroup[] = [];
    const { ui } = withWorkspace(<CategoryRule graph={graph} seen={seen} />, graph, 'angry');
    renderWithI18n(ui);
    const value = screen.getByRole('combobox', { name: 'Value' });
    // The label typed where the id belongs is kept and flagged, not silently replaced.
    expect(optionTexts(value)).toEqual(['(not set)', '投诉', '⚠ Complaint']);
    expect(value.getAttribute('aria-invalid')).toBe('true');
    fireEvent.change(value, { target: { value: 'complaint' } });
    expect(seen.at(-1)?.children[0]).toMatchObject({ field: 'classification.category', value: 'complaint' });
    expect(value.getAttribute('aria-invalid')).toBeNull();
  });
});
