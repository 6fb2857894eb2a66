import type { StepRecord } from '@flowdesk/engine';
import { describe, expect, it } from 'vitest';
import { storedStep } from './execution-documents.ts';

const failedStep: StepRecord = {
  seq: 3,
  nodeId: 'call-crm',
  nodeType: 'action.http_request',
  visit: 1,
  input: { config: { url: 'https://crm.example.cn/api', method: 'POST' } },
  output: {},
  startedAt: '2026-11-22T01:00:00.000Z',
  finishedAt: '2026-11-22T01:00:02.000Z',
  error: {
    code: 'runtime.http_failed',
    params: { detail: '503' },
    retryable: true,
  },
};

describe('storedStep', () => {
  it('keeps a failed step whole, its error included, as JSON that survives the store', () => {
    const stored = storedStep(failedStep);
    expect(JSON.parse(JSON.stringify(stored))).toEqual({ ...failedStep, port: null });
  });

  it('stores a step without error or port with nulls, as the trace reads them', () => {
    const { error: _error, ...passed } = failedStep;
    expect(storedStep({ ...passed, port: 'next' })).toMatchObject({ port: 'next', error: null });
    expect(storedStep(passed)).toMatchObject({ port: null, error: null });
  });
});
