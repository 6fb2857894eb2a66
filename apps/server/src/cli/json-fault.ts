/**
 * Where a JSON text breaks, as line and column a person can jump to. Node's
 * JSON.parse names a position in some messages ("… in JSON at position 5") but
 * not in others ("Unexpected end of JSON input", "Unexpected token '}', … is not
 * valid JSON"), and the wording changes between Node versions; so when the
 * message has no position we scan the text ourselves.
 */

export interface JsonFault {
  /** Index into the text (UTF-16 code units). Equal to the length when the text ends too early. */
  readonly offset: number;
  /** 1-based. */
  readonly line: number;
  /** 1-based. */
  readonly column: number;
  /** What is at the fault: the end of the text, or a character that cannot be there. */
  readonly found: { readonly kind: 'end' } | { readonly kind: 'character'; readonly character: string };
}

const POSITION_RE = /at position (\d+)/;

export function locateJsonFault(text: string, parseErrorMessage: string): JsonFault {
  const reported = POSITION_RE.exec(parseErrorMessage)?.[1];
  const offset = reported === undefined ? (findJsonFault(text) ?? text.length) : Number(reported);
  const clamped = Math.min(Math.max(offset, 0), text.length);
  if (clamped < text.length) return describeOffset(text, clamped, false);
  // A text that stops early is reported where its content stops, not after a trailing newline.
  return describeOffset(text, text.replace(TRAILING_WHITESPACE_RE, '').length, true);
}

const TRAILING_WHITESPACE_RE = /[ \t\n\r]+$/;

function describeOffset(text: string, offset: number, atEnd: boolean): JsonFault {
  const before = text.slice(0, offset);
  const lineStart = before.lastIndexOf('\n') + 1;
  const line = before.split('\n').length;
  const codePoint = text.codePointAt(offset);
  return {
    offset,
    line,
    column: offset - lineStart + 1,
    found:
      atEnd || codePoint === undefined
        ? { kind: 'end' }
        : { kind: 'character', character: String.fromCodePoint(codePoint) },
  };
}

type Expect = 'value' | 'value-or-close' | 'key' | 'key-or-close' | 'colon' | 'after-value';

const WHITESPACE = new Set([' ', '\t', '\n', '\r']);
const NUMBER_RE = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y;
const LITERALS = ['true', 'false', 'null'];
const SIMPLE_ESCAPES = new Set(['"', '\\', '/', 'b', 'f', 'n', 'r', 't']);
const HEX_RE = /^[0-9a-fA-F]{4}$/;

/**
 * The offset of the first character that breaks the JSON grammar, or undefined
 * if the text is valid JSON. Iterative, so deeply nested input cannot overflow
 * the call stack.
 */
export function findJsonFault(text: string): number | undefined {
  const open: Array<'}' | ']'> = [];
  let expect: Expect = 'value';
  let index = 0;
  for (;;) {
    while (index < text.length && WHITESPACE.has(text.charAt(index))) index++;
    if (index >= text.length) return expect === 'after-value' && open.length === 0 ? undefined : index;
    const char = text.charAt(index);
    const closer = open.at(-1);
    if ((expect === 'value-or-close' && char === ']') || (expect === 'key-or-close' && char === '}')) {
      open.pop();
      index++;
      expect = 'after-value';
    } else if (expect === 'value' || expect === 'value-or-close') {
      if (char === '{' || char === '[') {
        open.push(char === '{' ? '}' : ']');
        index++;
        expect = char === '{' ? 'key-or-close' : 'value-or-close';
        continue;
      }
      const end = scanScalar(text, index);
      if (end.fault !== undefined) return end.fault;
      index = end.next;
      expect = 'after-value';
    } else if (expect === 'key' || expect === 'key-or-close') {
      if (char !== '"') return index;
      const end = scanString(text, index);
      if (end.fault !== undefined) return end.fault;
      index = end.next;
      expect = 'colon';
    } else if (expect === 'colon') {
      if (char !== ':') return index;
      index++;
      expect = 'value';
    } else if (closer !== undefined && char === ',') {
      index++;
      expect = closer === '}' ? 'key' : 'value';
    } else if (closer !== undefined && char === closer) {
      open.pop();
      index++;
    } else {
      return index;
    }
  }
}

type Scan = { readonly next: number; readonly fault?: undefined } | { readonly fault: number };

function scanScalar(text: string, start: number): Scan {
  const char = text.charAt(start);
  if (char === '"') return scanString(text, start);
  if (char === '-' || (char >= '0' && char <= '9')) {
    NUMBER_RE.lastIndex = start;
    return NUMBER_RE.exec(text) ? { next: NUMBER_RE.lastIndex } : { fault: start + 1 };
  }
  const literal = LITERALS.find((word) => word.startsWith(char));
  if (!literal) return { fault: start };
  for (let k = 0; k < literal.length; k++) {
    if (text.charAt(start + k) !== literal.charAt(k)) return { fault: Math.min(start + k, text.length) };
  }
  return { next: start + literal.length };
}

function scanString(text: string, start: number): Scan {
  let index = start + 1;
  while (index < text.length) {
    const char = text.charAt(index);
    if (char === '"') return { next: index + 1 };
    if (char.charCodeAt(0) < 0x20) return { fault: index };
    if (char === '\\') {
      const escaped = text.charAt(index + 1);
      if (escaped === 'u') {
        if (!HEX_RE.test(text.slice(index + 2, index + 6))) return { fault: index + 1 };
        index += 6;
        continue;
      }
      if (!SIMPLE_ESCAPES.has(escaped)) return { fault: index + 1 };
      index += 2;
      continue;
    }
    index++;
  }
  return { fault: text.length };
}
