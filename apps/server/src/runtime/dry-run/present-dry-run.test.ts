import { describe, expect, it } from 'vitest';
import { type DryRunOutcome, presentDryRun } from './dry-run.ts';

const AT = '2026-11-22T01:00:00.000Z';

describe('presentDryRun', () => {
  it('answers a failed step and the incident with their text, as the editor reads them', () => {
    const outcome: DryRunOutcome = {
      status: 'failed',
      effects: [],
      steps: [
        {
          seq: 1,
          nodeId: 'loop',
          nodeType: 'logic.set_variable',
          visit: 1,
          input: {},
          output: {},
          startedAt: AT,
          finishedAt: AT,
          error: { code: 'engine.template_failed', params: { detail: 'bad tag' }, retryable: false },
        },
      ],
      incident: {
        nodeId: 'loop',
        code: 'engine.template_failed',
        params: { detail: 'bad tag' },
        retryable: false,
        at: AT,
      },
    };
    const message = {
      'zh-CN': '文字模板无法生成：bad tag',
      en: 'The text template could not be rendered: bad tag',
    };
    const presented = presentDryRun(outcome);
    expect(presented.steps[0]?.error).toEqual({ code: 'engine.template_failed', message, retryable: false });
    expect(presented.incident).toEqual({
      nodeId: 'loop',
      code: 'engine.template_failed',
      message,
      retryable: false,
      at: AT,
    });
  });
});
