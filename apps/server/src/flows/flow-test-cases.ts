import { DataPatchSchema, FlowCompileError } from '@flowdesk/engine';
import type { FlowGraph } from '@flowdesk/model';
import type { FlowTestCase, JsonObject, StoreRepositories } from '@flowdesk/store';
import { z } from 'zod';
import { AppError } from '../http/app-error.ts';
import { APPROVAL_OUTCOMES } from '../runtime/dry-run/dry-run.ts';
import { dryRunSample, type SampleRunOutcome } from '../runtime/dry-run/dry-run-sample.ts';
import { TestCustomerSchema, testCustomerProfile } from '../runtime/dry-run/test-customer.ts';

/**
 * A flow's saved test cases: a sample (trigger data and customer profile) and
 * the path it took when saved. Running them against a draft says, per case,
 * whether it still goes the same way and where it turned off if not. The
 * editor's "Run all" and publishing both use this.
 */

export const TestCaseSampleSchema = z.strictObject({
  data: DataPatchSchema,
  customer: TestCustomerSchema.optional(),
  /** What "Ask for approval" steps decide in the run (approved when absent); a saved case keeps it. */
  approvalOutcome: z.enum(APPROVAL_OUTCOMES).optional(),
});
export type TestCaseSample = z.infer<typeof TestCaseSampleSchema>;

export const PathStepSchema = z.strictObject({
  nodeId: z.string().min(1).max(200),
  port: z.string().min(1).max(200).optional(),
});
export type PathStep = z.infer<typeof PathStepSchema>;

export const ExpectedRunSchema = z.strictObject({
  /** The steps in order, each with the port it left by. */
  path: z.array(PathStepSchema).max(1000),
  /** How the run ended: an execution status, or `not_started`. */
  status: z.string().min(1).max(40),
});
export type ExpectedRun = z.infer<typeof ExpectedRunSchema>;

export interface CaseResult {
  readonly id: string;
  readonly name: string;
  readonly passed: boolean;
  readonly expected: ExpectedRun | null;
  readonly actual: ExpectedRun | null;
  /** The first step where the paths part (index into both paths); null when they agree. */
  readonly divergence: {
    readonly index: number;
    readonly expected: PathStep | null;
    readonly actual: PathStep | null;
  } | null;
  /** Why the case could not run at all: stored data unreadable, or its customer no longer exists. */
  readonly problem?: 'unreadable' | 'customer_not_found' | 'not_runnable';
}

export function pathOf(outcome: SampleRunOutcome): ExpectedRun {
  return {
    path: outcome.steps.map((step) =>
      step.port ? { nodeId: step.nodeId, port: step.port } : { nodeId: step.nodeId },
    ),
    status: outcome.status,
  };
}

function firstDifference(expected: readonly PathStep[], actual: readonly PathStep[]): number {
  const longest = Math.max(expected.length, actual.length);
  for (let index = 0; index < longest; index++) {
    const want = expected[index];
    const got = actual[index];
    if (want?.nodeId !== got?.nodeId || want?.port !== got?.port) return index;
  }
  return -1;
}

export function compareRun(
  expected: ExpectedRun,
  actual: ExpectedRun,
): Pick<CaseResult, 'passed' | 'divergence'> {
  const index = firstDifference(expected.path, actual.path);
  const divergence =
    index < 0 ? null : { index, expected: expected.path[index] ?? null, actual: actual.path[index] ?? null };
  return { passed: divergence === null && expected.status === actual.status, divergence };
}

/** The customer profile of a sample, built like the live runtime would find it; undefined without one. */
export async function sampleCustomer(
  store: StoreRepositories,
  sample: TestCaseSample,
): Promise<JsonObject | undefined> {
  if (!sample.customer) return undefined;
  const request = sample.data.request as Record<string, unknown> | undefined;
  const sender = (request?.customer ?? sample.data.customer ?? {}) as Record<string, unknown>;
  return testCustomerProfile(store, sample.customer, sender);
}

/** One sample against a graph; throws FlowCompileError for a graph that cannot run, AppError for an unknown customer. */
export async function runSampleOn(
  store: StoreRepositories,
  graph: FlowGraph,
  sample: TestCaseSample,
  startedAt: string,
): Promise<SampleRunOutcome> {
  return dryRunSample(
    graph,
    sample.data,
    startedAt,
    await sampleCustomer(store, sample),
    sample.approvalOutcome,
  );
}

/**
 * When the saved request or event arrived: a case runs at that time again, so
 * a flow that branches on business hours takes the same way at any hour.
 */
function savedArrival(data: TestCaseSample['data']): string | undefined {
  for (const source of [data.request, data.event]) {
    const at = (source as Record<string, unknown> | undefined)?.receivedAt;
    if (typeof at === 'string' && !Number.isNaN(Date.parse(at))) return new Date(at).toISOString();
  }
  return undefined;
}

async function runOne(
  store: StoreRepositories,
  graph: FlowGraph,
  testCase: FlowTestCase,
  startedAt: string,
): Promise<CaseResult> {
  const base = { id: testCase.id, name: testCase.name };
  const sample = TestCaseSampleSchema.safeParse(testCase.sample);
  const expected = ExpectedRunSchema.safeParse(testCase.expected);
  if (!sample.success || !expected.success) {
    return { ...base, passed: false, expected: null, actual: null, divergence: null, problem: 'unreadable' };
  }
  try {
    const at = savedArrival(sample.data) ?? startedAt;
    const actual = pathOf(await runSampleOn(store, graph, sample.data, at));
    return { ...base, expected: expected.data, actual, ...compareRun(expected.data, actual) };
  } catch (error) {
    const problem =
      error instanceof FlowCompileError
        ? 'not_runnable'
        : error instanceof AppError && error.code === 'customer_not_found'
          ? 'customer_not_found'
          : undefined;
    if (!problem) throw error;
    return { ...base, passed: false, expected: expected.data, actual: null, divergence: null, problem };
  }
}

/** Every saved case of the flow against `graph`, in the saved order. */
export async function runTestCases(
  store: StoreRepositories,
  flowId: string,
  graph: FlowGraph,
  startedAt: string,
): Promise<CaseResult[]> {
  const cases = await store.flowTestCases.list(flowId);
  const results: CaseResult[] = [];
  // One after another: each is quick, and the order is the list's.
  for (const testCase of cases) results.push(await runOne(store, graph, testCase, startedAt));
  return results;
}
