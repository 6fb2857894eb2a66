import { type FlowGraph, type FlowNode, getNodeType } from '@flowdesk/model';
import type { UserRole } from '@flowdesk/store';
import { SESSION_COOKIE, startSession } from '../../src/auth/sessions.ts';
import type { RunningServer, TestBed } from '../../src/testing/server-test-kit.ts';

/**
 * What the test-run findings share: a flow of trigger → the step under test →
 * end, a signed-in session cookie per role, and `flows.testRun` over real HTTP
 * on the loopback server of server-test-kit.
 */

const SETTINGS = { timezone: 'Asia/Shanghai', defaultLocale: 'zh-CN' as const, variables: [] };

export function flowAround(step: Omit<FlowNode, 'position'>, port = 'next'): FlowGraph {
  const end = getNodeType('action.end')?.example as Record<string, unknown>;
  return {
    nodes: [
      { id: 'trigger', type: 'trigger.request_received', config: { channels: [] }, position: { x: 0, y: 0 } },
      { ...step, position: { x: 240, y: 0 } },
      { id: 'end', type: 'action.end', config: { ...end }, position: { x: 480, y: 0 } },
    ],
    edges: [
      { id: 'e1', source: 'trigger', sourcePort: 'next', target: step.id },
      { id: 'e2', source: step.id, sourcePort: port, target: 'end' },
    ],
    settings: SETTINGS,
  };
}

export async function sessionCookie(bed: TestBed, role: UserRole): Promise<string> {
  const { token } = await startSession(bed.store, bed.users[role].id, bed.clock.now());
  return `${SESSION_COOKIE}=${token}`;
}

export interface TestRunAnswer {
  readonly status: number;
  readonly ms: number;
  readonly body: {
    result?: {
      data: { status: string; steps: { nodeId: string; port?: string; error?: { code: string } }[] };
    };
    error?: { message: string; data: Record<string, unknown> };
  };
}

export async function postTestRun(
  server: RunningServer,
  cookie: string,
  input: { graph: FlowGraph; data: Record<string, unknown> },
  locale = 'en',
): Promise<TestRunAnswer> {
  const started = performance.now();
  const response = await fetch(`${server.baseUrl}/trpc/flows.testRun`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'accept-language': locale, cookie },
    body: JSON.stringify(input),
  });
  const body = (await response.json()) as TestRunAnswer['body'];
  return { status: response.status, ms: performance.now() - started, body };
}
