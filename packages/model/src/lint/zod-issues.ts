import type { z } from 'zod';
import { type LocalizedText, text } from '../i18n.ts';
import { isMessageCode, message } from './messages.ts';

/** Turns zod's issues into translated texts that point at a field. */

const TYPE_NAMES: Record<string, LocalizedText> = {
  string: text('文字', 'text'),
  number: text('数字', 'a number'),
  int: text('整数', 'a whole number'),
  boolean: text('是/否', 'yes or no'),
  array: text('列表', 'a list'),
  object: text('一组设置', 'a group of settings'),
};

/** `['cases', 1, 'value']` → `cases[1].value` */
export function formatPath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const key of path) {
    if (typeof key === 'number') out += `[${key}]`;
    else out += out === '' ? String(key) : `.${String(key)}`;
  }
  return out;
}

/** `['cases', 1, 'value']` → `cases.value`, the key of field help texts. */
export function helpKey(path: readonly PropertyKey[]): string {
  return path
    .filter((key) => typeof key !== 'number')
    .map(String)
    .join('.');
}

function valueAt(root: unknown, path: readonly PropertyKey[]): unknown {
  let current = root;
  for (const key of path) {
    if (current === null || typeof current !== 'object') return undefined;
    current = (current as Record<PropertyKey, unknown>)[key];
  }
  return current;
}

export function describeIssue(issue: z.core.$ZodIssue, input: unknown): LocalizedText {
  if (isMessageCode(issue.message)) {
    const params = issue.code === 'custom' ? (issue.params as Record<string, string | number>) : {};
    return message(issue.message, params);
  }
  switch (issue.code) {
    case 'invalid_type': {
      if (valueAt(input, issue.path) === undefined) return message('value.required');
      const name = TYPE_NAMES[issue.expected] ?? text(issue.expected, issue.expected);
      return message('value.wrong_type', { expectedZh: name['zh-CN'], expectedEn: name.en });
    }
    case 'too_small': {
      const limit = Number(issue.minimum);
      if (issue.origin === 'string') return message('value.too_short_text', { limit });
      if (issue.origin === 'array' || issue.origin === 'set') {
        return message('value.too_few_items', { limit });
      }
      return message(issue.inclusive === false ? 'value.too_small_exclusive' : 'value.too_small_number', {
        limit,
      });
    }
    case 'too_big': {
      const limit = Number(issue.maximum);
      if (issue.origin === 'string') return message('value.too_long_text', { limit });
      if (issue.origin === 'array' || issue.origin === 'set') {
        return message('value.too_many_items', { limit });
      }
      return message('value.too_big_number', { limit });
    }
    case 'invalid_value':
      return message('value.not_one_of', { values: issue.values.map(String).join(', ') });
    case 'unrecognized_keys':
      return message('value.unknown_keys', { keys: issue.keys.join(', ') });
    case 'invalid_format':
      return message('value.invalid');
    case 'invalid_union': {
      const first = issue.errors.flat()[0];
      return first ? describeIssue(first, input) : message('value.invalid');
    }
    default:
      return message('value.invalid');
  }
}

/** The deepest issue of a union that failed, so the user sees the real cause. */
export function flattenIssues(issues: readonly z.core.$ZodIssue[]): z.core.$ZodIssue[] {
  return issues.flatMap((issue) => {
    if (issue.code !== 'invalid_union' || issue.errors.length === 0) return [issue];
    const best = [...issue.errors].sort((a, b) => depth(b) - depth(a))[0] ?? [];
    return flattenIssues(best.map((inner) => ({ ...inner, path: [...issue.path, ...inner.path] })));
  });
}

function depth(issues: readonly z.core.$ZodIssue[]): number {
  return Math.max(0, ...issues.map((issue) => issue.path.length));
}
