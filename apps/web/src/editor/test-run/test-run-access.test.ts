import { describe, expect, it } from 'vitest';
import { mayTestRun } from './test-run-access.ts';

describe('who may start a test run', () => {
  it('allows editors and admins, as the server does, and nobody else', () => {
    expect(mayTestRun('admin')).toBe(true);
    expect(mayTestRun('editor')).toBe(true);
    expect(mayTestRun('viewer')).toBe(false);
    expect(mayTestRun('agent')).toBe(false);
    expect(mayTestRun(undefined)).toBe(false);
  });
});
