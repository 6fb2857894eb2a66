/**
 * Reads `customer.vipLevel`-style paths from flow data. Only own properties
 * are followed, so a path can never reach `constructor` or `__proto__`.
 */

/** Liquid's list helpers count as present, so `customer.tags.size` is not reported missing. */
const LIST_PROPERTIES: Record<string, (list: unknown[]) => unknown> = {
  size: (list) => list.length,
  first: (list) => list[0],
  last: (list) => list[list.length - 1],
};

export function readField(data: unknown, path: string): unknown {
  let current: unknown = data;
  for (const key of path.split('.')) {
    if (Array.isArray(current)) {
      const listProperty = LIST_PROPERTIES[key];
      if (listProperty) {
        current = listProperty(current);
        continue;
      }
      if (!/^\d+$/.test(key)) return undefined;
      current = current[Number(key)];
      continue;
    }
    if (current === null || typeof current !== 'object' || !Object.hasOwn(current, key)) return undefined;
    current = (current as Record<string, unknown>)[key];
  }
  return current;
}

const UNSAFE_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

/** Sets a path in a plain object tree, creating objects on the way; skips when a non-object is in the way. */
export function writeField(root: Record<string, unknown>, path: string, value: unknown): void {
  const keys = path.split('.');
  if (keys.some((key) => UNSAFE_KEYS.has(key))) return;
  let current: Record<string, unknown> = root;
  for (const key of keys.slice(0, -1)) {
    const next = Object.hasOwn(current, key) ? current[key] : undefined;
    if (next === undefined || next === null) {
      const created: Record<string, unknown> = {};
      current[key] = created;
      current = created;
    } else if (typeof next === 'object' && !Array.isArray(next)) {
      current = next as Record<string, unknown>;
    } else {
      return;
    }
  }
  const last = keys[keys.length - 1];
  if (last !== undefined) current[last] = value;
}
