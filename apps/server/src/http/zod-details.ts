import { type LocalizedText, type MessageCode, message, text } from '@flowdesk/model';
import type { z } from 'zod';
import { AppError, type ErrorDetail } from './app-error.ts';
import { toJsonPointer } from './json-pointer.ts';

/**
 * Turns zod issues of an API input into details that point at the field, worded
 * with the model's value.* messages so the editor and the API speak alike.
 * (The model's own describeIssue is internal to it; this covers the issue kinds
 * our request schemas can produce.)
 */

const TYPE_NAMES: Record<string, LocalizedText> = {
  string: text('文字', 'text'),
  number: text('数字', 'a number'),
  int: text('整数', 'a whole number'),
  boolean: text('是/否', 'yes or no'),
  array: text('列表', 'a list'),
  object: text('对象', 'an object'),
};

/** Custom error codes our schemas attach (`{ error: 'value.event_name' }`). */
const SCHEMA_MESSAGE_CODES: readonly MessageCode[] = ['value.event_name', 'value.url'];

function valueAt(root: unknown, path: readonly PropertyKey[]): unknown {
  let current = root;
  for (const key of path) {
    if (current === null || typeof current !== 'object') return undefined;
    current = (current as Record<PropertyKey, unknown>)[key];
  }
  return current;
}

function describe(issue: z.core.$ZodIssue, input: unknown): LocalizedText {
  const code = SCHEMA_MESSAGE_CODES.find((known) => known === issue.message);
  if (code) return message(code);
  switch (issue.code) {
    case 'invalid_type': {
      if (valueAt(input, issue.path) === undefined) return message('value.required');
      const name = TYPE_NAMES[issue.expected] ?? text(issue.expected, issue.expected);
      return message('value.wrong_type', { expectedZh: name['zh-CN'], expectedEn: name.en });
    }
    case 'too_small': {
      const limit = Number(issue.minimum);
      if (issue.origin === 'string') return message('value.too_short_text', { limit });
      if (issue.origin === 'array') return message('value.too_few_items', { limit });
      return message('value.too_small_number', { limit });
    }
    case 'too_big': {
      const limit = Number(issue.maximum);
      if (issue.origin === 'string') return message('value.too_long_text', { limit });
      if (issue.origin === 'array') return message('value.too_many_items', { limit });
      return message('value.too_big_number', { limit });
    }
    case 'invalid_value':
      return message('value.not_one_of', { values: issue.values.map(String).join(', ') });
    case 'unrecognized_keys':
      return message('value.unknown_keys', { keys: issue.keys.join(', ') });
    default:
      return message('value.invalid');
  }
}

/** An unknown key is pointed at itself, so the client sees which field to drop. */
function pathOf(issue: z.core.$ZodIssue): readonly PropertyKey[] {
  if (issue.code === 'unrecognized_keys' && issue.keys[0] !== undefined)
    return [...issue.path, issue.keys[0]];
  return issue.path;
}

export function zodIssueDetails(issues: readonly z.core.$ZodIssue[], input: unknown): ErrorDetail[] {
  return issues.map((issue) => {
    const pointer = toJsonPointer(pathOf(issue));
    const problem = describe(issue, input);
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
