import type { TestCustomerInput } from './test-customer.ts';
import { APPROVAL_OUTCOMES, type ApprovalOutcome } from './test-run-result.ts';
import type { TestRunData } from './test-sample.ts';

/**
 * Saved test cases live on the server, per flow, shared by everyone who edits
 * it (`flows.testCases`, `saveTestCase`, `deleteTestCase`, `runTestCases`);
 * publishing runs them too. This file holds their shape as the panel reads
 * it and the calls the panel makes, so tests can hand it an in-memory version.
 */

export interface PathStep {
  nodeId: string;
  port?: string | undefined;
}

export interface ExpectedRun {
  path: PathStep[];
  status: string;
}

export interface CaseSample {
  data: TestRunData;
  customer?: TestCustomerInput | undefined;
  /** What the flow's approval steps decide in this case; absent: approved. */
  approvalOutcome?: ApprovalOutcome | undefined;
}

export interface TestCase {
  id: string;
  name: string;
  sample: CaseSample;
  expected: ExpectedRun;
}

/** Where a run left the path the case was saved with. */
export interface Divergence {
  index: number;
  expected: PathStep | null;
  actual: PathStep | null;
}

/** One case of "Run all", as `flows.runTestCases` answers. */
export interface CaseResult {
  id: string;
  name: string;
  passed: boolean;
  expected: ExpectedRun | null;
  actual: ExpectedRun | null;
  divergence: Divergence | null;
  problem?: 'unreadable' | 'customer_not_found' | 'not_runnable' | undefined;
}

export interface TestCaseApi {
  list(): Promise<TestCase[]>;
  /** The server runs the sample against the graph on screen and keeps the path it takes as expected. */
  save(name: string, sample: CaseSample): Promise<void>;
  remove(id: string): Promise<void>;
  /** Every saved case against the graph on screen. */
  runAll(): Promise<CaseResult[]>;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

const isApprovalOutcome = (value: unknown): value is ApprovalOutcome =>
  (APPROVAL_OUTCOMES as readonly unknown[]).includes(value);

function readPath(value: unknown): PathStep[] {
  if (!Array.isArray(value)) return [];
  return value.flatMap((step) =>
    isObject(step) && typeof step.nodeId === 'string'
      ? [typeof step.port === 'string' ? { nodeId: step.nodeId, port: step.port } : { nodeId: step.nodeId }]
      : [],
  );
}

/** A case as the server listed it; one that does not read as a case is left out rather than trusted. */
export function readTestCase(value: unknown): TestCase | undefined {
  if (!isObject(value) || typeof value.id !== 'string' || typeof value.name !== 'string') return undefined;
  const { sample, expected } = value;
  if (!isObject(sample) || !isObject(sample.data) || !isObject(expected)) return undefined;
  return {
    id: value.id,
    name: value.name,
    sample: {
      data: sample.data as TestRunData,
      ...(isObject(sample.customer) ? { customer: sample.customer as TestCustomerInput } : {}),
      ...(isApprovalOutcome(sample.approvalOutcome) ? { approvalOutcome: sample.approvalOutcome } : {}),
    },
    expected: {
      path: readPath(expected.path),
      status: typeof expected.status === 'string' ? expected.status : '',
    },
  };
}

/** The same comparison the server makes: same steps through the same ports, and the same ending. */
export function compareRun(expected: ExpectedRun, actual: ExpectedRun): Divergence | null | 'status' {
  const longest = Math.max(expected.path.length, actual.path.length);
  for (let index = 0; index < longest; index++) {
    const want = expected.path[index];
    const got = actual.path[index];
    if (want?.nodeId !== got?.nodeId || want?.port !== got?.port) {
      return { index, expected: want ?? null, actual: got ?? null };
    }
  }
  return expected.status === actual.status ? null : 'status';
}
