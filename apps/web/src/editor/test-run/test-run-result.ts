import type { LocalizedText } from '@flowdesk/model';
import type { TestCustomerInput } from './test-customer.ts';
import { type SampleProblem, sampleToData, type TestRunData, type TestSample } from './test-sample.ts';

/**
 * What `flows.testRun` answers, as far as the panel reads it. Declared here
 * (not inferred from the router) so tests can hand the panel a plain function.
 */
export interface TestRunStep {
  seq: number;
  nodeId: string;
  nodeType: string;
  port?: string | undefined;
  input: Record<string, unknown>;
  output: Record<string, unknown>;
  error?: { code: string; message: LocalizedText; retryable: boolean } | undefined;
}

export interface TestRunEffect {
  nodeId: string;
  kind: 'message' | 'http' | 'survey';
  /** Rendered exactly as the customer would get it. */
  summary: string;
  /** Fields the text names that the sample lacks (nothing stands in their place in `summary`). */
  missing?: string[] | undefined;
}

export interface TestRunResult {
  status: string;
  steps: TestRunStep[];
  effects: TestRunEffect[];
  incident?: unknown;
  /** The trigger's filters or entry conditions turn the sample away: the flow would not start. */
  notStarted?: 'conditions' | undefined;
}

/** What the person asked by an "Ask for approval" step decides in the run; the server approves when absent. */
export const APPROVAL_OUTCOMES = ['approved', 'rejected', 'timed_out'] as const;
export type ApprovalOutcome = (typeof APPROVAL_OUTCOMES)[number];

/**
 * Runs the editor's current graph against trigger data and who it comes from; the caller binds the graph.
 * `approvalOutcome` is given only for a flow with an approval step.
 */
export type RunTest = (
  data: TestRunData,
  customer?: TestCustomerInput,
  approvalOutcome?: ApprovalOutcome,
) => Promise<TestRunResult>;

/** Calls a runner with only the arguments that are set, so a run without them sends what it always did. */
function callWith<Result>(
  runner: (data: TestRunData, customer?: TestCustomerInput, approvalOutcome?: ApprovalOutcome) => Result,
  data: TestRunData,
  customer: TestCustomerInput | undefined,
  approvalOutcome: ApprovalOutcome | undefined,
): Result {
  if (approvalOutcome) return runner(data, customer, approvalOutcome);
  return customer ? runner(data, customer) : runner(data);
}

/** A saved case passes when the run completed and no step failed on the way (even one with an error port). */
export function testPassed(result: TestRunResult): boolean {
  return result.status === 'completed' && !result.steps.some((step) => step.error);
}

export type TestOutcome =
  | { kind: 'result'; result: TestRunResult }
  /** The sample itself is not usable; nothing was sent. */
  | { kind: 'problem'; problem: SampleProblem }
  /** The server refused (lint errors, bad data) or could not be reached. */
  | { kind: 'error'; error: unknown };

/** What `flows.testRunLive` answers: every live flow of the sample's trigger kind, in intake order. */
export type LiveRunFlow =
  | { flowId: string; name: string; version: number; started: true; outcome: TestRunResult }
  | {
      flowId: string;
      name: string;
      version: number;
      started: false;
      reason: 'conditions' | 'after_exclusive' | 'not_runnable';
    };

export interface LiveRunResult {
  trigger: string | null;
  flows: readonly LiveRunFlow[];
}

/** Runs trigger data against every live flow (published versions, not the draft on screen). */
export type RunLive = (
  data: TestRunData,
  customer?: TestCustomerInput,
  approvalOutcome?: ApprovalOutcome,
) => Promise<LiveRunResult>;

export type LiveRunOutcome =
  | { kind: 'result'; result: LiveRunResult }
  | { kind: 'problem'; problem: SampleProblem }
  | { kind: 'error'; error: unknown };

/** Like runSample, for "run all live flows"; never throws. */
export async function runLiveSample(
  runLive: RunLive,
  sample: TestSample,
  receivedAt: string,
  customer?: TestCustomerInput,
  approvalOutcome?: ApprovalOutcome,
): Promise<LiveRunOutcome> {
  const data = sampleToData(sample, receivedAt);
  if (!data.ok) return { kind: 'problem', problem: data.problem };
  try {
    return { kind: 'result', result: await callWith(runLive, data.data, customer, approvalOutcome) };
  } catch (error) {
    return { kind: 'error', error };
  }
}

/** Turns a sample into trigger data and runs it, as `customer` when given; never throws. */
export async function runSample(
  run: RunTest,
  sample: TestSample,
  receivedAt: string,
  customer?: TestCustomerInput,
  approvalOutcome?: ApprovalOutcome,
): Promise<TestOutcome> {
  const data = sampleToData(sample, receivedAt);
  if (!data.ok) return { kind: 'problem', problem: data.problem };
  try {
    return { kind: 'result', result: await callWith(run, data.data, customer, approvalOutcome) };
  } catch (error) {
    return { kind: 'error', error };
  }
}
