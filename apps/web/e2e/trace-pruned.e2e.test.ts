import type { FlowGraph } from '@flowdesk/model';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  browserAvailable,
  type E2eEnvironment,
  expectControlsReachable,
  expectFits,
  screenshot,
  signInAsAdmin,
  startE2eEnvironment,
} from './e2e-kit.ts';

/**
 * Retention (issue 17, item 2): an execution whose step log the sweep pruned still
 * opens; the trace says the steps were pruned and when, and keeps status and version.
 */
const run = browserAvailable();
let env: E2eEnvironment | undefined;

beforeAll(async () => {
  if (run) env = await startE2eEnvironment();
}, 180_000);
afterAll(async () => {
  await env?.close();
});

const graph: FlowGraph = {
  nodes: [
    {
      id: 'start',
      type: 'trigger.request_received',
      config: { channels: [], categories: [], keywords: [] },
      position: { x: 0, y: 0 },
    },
  ],
  edges: [],
  settings: { timezone: 'Asia/Shanghai', defaultLocale: 'zh-CN', variables: [] },
};

describe('the trace of a pruned execution', () => {
  it.runIf(run)(
    'says the steps were pruned, at 1024 and 390 px',
    async () => {
      const { page, server } = env as E2eEnvironment;
      const store = server.store;
      const now = new Date().toISOString();
      await store.flows.create({
        id: 'old-flow',
        workspaceId: 'default',
        name: 'Old intake',
        draft: graph,
        createdBy: 'e2e',
        now,
      });
      await store.versions.publish('old-flow', graph, 'v1', 'e2e', now);
      const finished = new Date(Date.now() - 120 * 86_400_000).toISOString();
      await store.executions.create({
        id: 'old-execution',
        flowId: 'old-flow',
        version: 1,
        status: 'completed',
        state: {},
        startedAt: finished,
        finishedAt: finished,
      });
      await store.executions.appendSteps('old-execution', [
        {
          seq: 1,
          nodeId: 'start',
          nodeType: 'trigger.request_received',
          visit: 1,
          input: {},
          output: {},
          port: 'next',
          startedAt: finished,
          finishedAt: finished,
        },
      ]);
      expect(await server.runtime.retention.sweep()).toMatchObject({ executions: 1 });

      await signInAsAdmin(page, server.url);
      await page.setViewportSize({ width: 1024, height: 768 });
      await page.goto(`${server.url}/executions/old-execution`);
      const notice = page.getByTestId('steps-pruned');
      await notice.waitFor();
      expect(await notice.textContent()).toMatch(
        /^Steps pruned: the step log is kept 90 days after an execution ends/,
      );
      expect(await page.getByTestId('execution-status').textContent()).toBe('Completed');
      // The first step stays (the KPI hand-off reason reads it), without its data.
      expect(await page.locator('.step-log li').count()).toBe(1);
      await expectFits(page, ['.trace-page', '.step-log']);
      await expectControlsReachable(page);
      await screenshot(page, 'trace-pruned-1024');

      await page.setViewportSize({ width: 390, height: 844 });
      await notice.scrollIntoViewIfNeeded();
      await expectFits(page, ['.trace-page', '.step-log']);
      await screenshot(page, 'trace-pruned-390');
    },
    120_000,
  );
});
