// @vitest-environment happy-dom
import type { FlowGraph, WorkspaceReferences } from '@flowdesk/model';
import { cleanup, screen, waitFor } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { renderWithI18n } from '../testing/render-with-i18n.tsx';
import { withTrpcAnswers } from '../testing/trpc-answers.tsx';
import { useLint } from './use-lint.ts';

afterEach(cleanup);

const WORKSPACE: WorkspaceReferences = {
  team: [{ id: 'after_sales', label: { 'zh-CN': '售后组', en: 'After-sales' } }],
  agent: [],
  sla_policy: [],
  message_template: [],
  knowledge_tag: [],
};

/** Request → create ticket → assign to a team typed by its name, not picked. */
const GRAPH: FlowGraph = {
  nodes: [
    { id: 'start', type: 'trigger.request_received', config: {}, position: { x: 0, y: 0 } },
    { id: 'ticket', type: 'action.create_ticket', config: {}, position: { x: 0, y: 0 } },
    {
      id: 'route',
      type: 'action.assign',
      config: { target: 'team', teamId: 'VIP team' },
      position: { x: 0, y: 0 },
    },
  ],
  edges: [
    { id: 'e1', source: 'start', sourcePort: 'next', target: 'ticket' },
    { id: 'e2', source: 'ticket', sourcePort: 'next', target: 'route' },
  ],
  settings: { timezone: 'Asia/Shanghai', defaultLocale: 'zh-CN', variables: [] },
};

function Problems({ graph }: { graph: FlowGraph }) {
  const problems = useLint(graph);
  return (
    <ul>
      {problems.map((problem) => (
        <li key={`${problem.code}-${problem.nodeId}-${problem.field}`}>
          {problem.code} {problem.nodeId} {problem.field}
        </li>
      ))}
    </ul>
  );
}

describe('the editor’s live lint', () => {
  it('reports a team the workspace lacks once workspace.references has answered', async () => {
    const { ui } = withTrpcAnswers({ 'workspace.references': WORKSPACE }, <Problems graph={GRAPH} />);
    renderWithI18n(ui);
    await waitFor(() => expect(screen.getByText('reference.unknown route config.teamId')).toBeTruthy());
  });
});
