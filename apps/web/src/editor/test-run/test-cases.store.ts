import { parseSample, type TestSample } from './test-sample.ts';

/**
 * Saved test cases, per flow, in the browser's localStorage. Server storage
 * can come later; the shape (a name and a sample) is what it would keep.
 */

export interface TestCase {
  name: string;
  sample: TestSample;
}

export function storageKey(flowId: string): string {
  return `flowdesk.testCases.${flowId}`;
}

export function loadTestCases(storage: Storage, flowId: string): TestCase[] {
  let raw: unknown;
  try {
    raw = JSON.parse(storage.getItem(storageKey(flowId)) ?? '[]');
  } catch {
    return [];
  }
  if (!Array.isArray(raw)) return [];
  return raw.flatMap((entry: unknown) => {
    if (typeof entry !== 'object' || entry === null) return [];
    const { name, sample } = entry as { name?: unknown; sample?: unknown };
    const parsed = parseSample(sample);
    return typeof name === 'string' && name && parsed ? [{ name, sample: parsed }] : [];
  });
}

/** Saving under an existing name replaces that case, keeping its place in the list. */
export function withCase(cases: readonly TestCase[], added: TestCase): TestCase[] {
  const index = cases.findIndex((entry) => entry.name === added.name);
  if (index < 0) return [...cases, added];
  return cases.map((entry, position) => (position === index ? added : entry));
}

export function saveTestCases(storage: Storage, flowId: string, cases: readonly TestCase[]): void {
  try {
    storage.setItem(storageKey(flowId), JSON.stringify(cases));
  } catch {
    // A full or disabled storage loses the cases for next time; the list on screen still holds them.
  }
}
