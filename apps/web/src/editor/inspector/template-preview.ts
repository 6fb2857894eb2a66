/**
 * A tiny, safe stand-in for the engine's Liquid renderer, good enough for a live
 * preview: `{{ path }}` (filters are ignored) is replaced by the value found in
 * the sample data, and a missing value shows as `[path]` so the admin notices.
 * It never evaluates anything.
 */

const PLACEHOLDER_RE = /\{\{\s*([A-Za-z_][\w.]*)\s*(?:\|[^}]*)?\}\}/g;

function readPath(data: unknown, path: string): unknown {
  let current: unknown = data;
  for (const key of path.split('.')) {
    if (typeof current !== 'object' || current === null || !Object.hasOwn(current, key)) return undefined;
    current = (current as Record<string, unknown>)[key];
  }
  return current;
}

export function previewTemplate(template: string, data: object): string {
  return template.replace(PLACEHOLDER_RE, (_match, path: string) => {
    const value = readPath(data, path);
    if (value === undefined || value === null) return `[${path}]`;
    return Array.isArray(value) ? value.join(', ') : String(value);
  });
}

/** The partial placeholder being typed just before the cursor (`{{ cust` → `cust`), if any. */
export function openPlaceholder(textBeforeCursor: string): string | undefined {
  const match = /\{\{\s*([\w.]*)$/.exec(textBeforeCursor);
  return match ? (match[1] ?? '') : undefined;
}

/** Completes the placeholder being typed at `cursor` with `path`; returns the new text and cursor. */
export function insertPlaceholder(
  text: string,
  cursor: number,
  path: string,
): { text: string; cursor: number } {
  const before = text.slice(0, cursor);
  const after = text.slice(cursor);
  const open = /\{\{\s*[\w.]*$/.exec(before);
  const head = open ? before.slice(0, open.index) : before;
  const closing = after.trimStart().startsWith('}}') ? '' : ' }}';
  const inserted = `{{ ${path}${closing}`;
  return { text: head + inserted + after, cursor: head.length + inserted.length };
}
