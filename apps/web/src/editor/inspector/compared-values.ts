import type { ReferenceKind } from '@flowdesk/model';
import { fieldRefersTo } from './reference-options.ts';

/**
 * A Switch compares one data field with each case's value. When that field
 * holds ids (a category from a Classify step, a team, an agent), a case that
 * tests "equals" names one of them: picked by its label, stored by id, just as
 * a condition's rule does. A list ("is one of") stays typed, as in the rule
 * builder.
 */

const CASE_VALUE_PATH = /^config\.cases\[(\d+)\]\.value$/;

/** What the value at `dataPath` of a Switch config names by id, if anything. */
export function switchCaseValueReference(config: unknown, dataPath: string): ReferenceKind | undefined {
  const match = CASE_VALUE_PATH.exec(dataPath);
  if (!match) return undefined;
  const { field, cases } = (config ?? {}) as { field?: unknown; cases?: unknown };
  if (typeof field !== 'string' || !Array.isArray(cases)) return undefined;
  const switchCase = cases[Number(match[1])] as { operator?: unknown } | undefined;
  return switchCase?.operator === 'equals' ? fieldRefersTo(field) : undefined;
}
