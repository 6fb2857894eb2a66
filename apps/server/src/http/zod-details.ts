import { describeIssue, flattenIssues, text } from '@flowdesk/model';
import type { z } from 'zod';
import { AppError, type ErrorDetail } from './app-error.ts';
import { toJsonPointer } from './json-pointer.ts';

/**
 * Turns zod issues of an API input into details that point at the field, worded
 * with the model's own describeIssue so the editor and the API speak alike.
 */
/** An unknown key is pointed at itself, so the client sees which field to drop. */
function pathOf(issue: z.core.$ZodIssue): readonly PropertyKey[] {
  if (issue.code === 'unrecognized_keys' && issue.keys[0] !== undefined)
    return [...issue.path, issue.keys[0]];
  return issue.path;
}

export function zodIssueDetails(issues: readonly z.core.$ZodIssue[], input: unknown): ErrorDetail[] {
  return flattenIssues(issues).map((issue) => {
    const pointer = toJsonPointer(pathOf(issue));
    const problem = describeIssue(issue, input);
    const where = pointer === '' ? '' : `${pointer} `;
    return {
      pointer,
      code: issue.code,
      messages: text(`${where}${problem['zh-CN']}`, `${where}${problem.en}`),
    };
  });
}

/** A 400 whose message names the first problem and whose details list them all. */
export function invalidRequest(issues: readonly z.core.$ZodIssue[], input: unknown): AppError {
  const details = zodIssueDetails(issues, input);
  const first = details[0];
  return new AppError('bad_request', 'invalid_request', {
    params: { detailZh: first?.messages['zh-CN'], detailEn: first?.messages.en },
    pointer: first?.pointer ?? '',
    details,
  });
}

/** Parses or throws the 400 above. */
export function parseInput<T extends z.ZodType>(schema: T, input: unknown): z.output<T> {
  const result = schema.safeParse(input);
  if (!result.success) throw invalidRequest(result.error.issues, input);
  return result.data;
}
