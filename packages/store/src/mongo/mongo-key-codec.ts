/**
 * Free-form JSON (execution state, step inputs and outputs, flow graphs, job
 * payloads, ticket custom fields) may carry keys MongoDB cannot store or
 * query safely: a leading `$` is read as an operator, a `.` as a path, a NUL
 * ends a BSON name. Every such document passes through here at the adapter
 * boundary: keys are escaped reversibly on the way in and restored on the way
 * out; values are never touched.
 *
 * The escape character is `~`: `~` → `~t`, `.` → `~d`, `$` → `~s`,
 * NUL → `~0`, and the empty key → `~e`. Every `~` in an encoded key starts one
 * of these pairs, so decoding is unambiguous, and keys without any of these
 * characters (nearly all) are stored as they are.
 */

const ESCAPES: Readonly<Record<string, string>> = { '~': '~t', '.': '~d', $: '~s', '\u0000': '~0' };
const UNESCAPES: Readonly<Record<string, string>> = { t: '~', d: '.', s: '$', '0': '\u0000', e: '' };

// NUL is deliberate here: BSON names cannot hold it.
// biome-ignore lint/suspicious/noControlCharactersInRegex: NUL must be escaped, see above.
const NEEDS_ESCAPE = /[~.$\u0000]/;
// biome-ignore lint/suspicious/noControlCharactersInRegex: NUL must be escaped, see above.
const ESCAPABLE = /[~.$\u0000]/g;
const ESCAPED = /~([tds0e])/g;

export function encodeKey(key: string): string {
  if (key === '') return '~e';
  return NEEDS_ESCAPE.test(key) ? key.replace(ESCAPABLE, (char) => ESCAPES[char] ?? char) : key;
}

export function decodeKey(key: string): string {
  return key.includes('~') ? key.replace(ESCAPED, (_pair, code: string) => UNESCAPES[code] ?? '') : key;
}

function mapKeys(value: unknown, mapKey: (key: string) => string): unknown {
  if (Array.isArray(value)) return value.map((item) => mapKeys(item, mapKey));
  if (value === null || typeof value !== 'object') return value;
  // Only plain data is stored here; fromEntries defines `__proto__` as an ordinary key, as JSON.parse does.
  // A field holding `undefined` is left out, as JSON (the SQLite store) leaves it out: the driver
  // would store it as null, and the schemas that read the document back (execution state) accept
  // a missing optional field but not a null one.
  return Object.fromEntries(
    Object.entries(value as Record<string, unknown>)
      .filter(([, item]) => item !== undefined)
      .map(([key, item]) => [mapKey(key), mapKeys(item, mapKey)]),
  );
}

/** The document as it is stored: every object key escaped, at any depth. */
export function encodeDocument<T>(value: T): T {
  return mapKeys(value, encodeKey) as T;
}

/** The document as the port returns it: the inverse of encodeDocument. */
export function decodeDocument<T>(value: T): T {
  return mapKeys(value, decodeKey) as T;
}
