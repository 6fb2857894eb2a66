/**
 * The patterns a CEL expression passes as a literal to `.matches(…)`, so lint
 * can refuse those RE2 will not run before the flow is published. The model
 * stays free of the CEL library, so this reads just enough of CEL's lexical
 * grammar: comments, string literals (quotes, triple quotes, raw and bytes
 * prefixes, escapes) and punctuation. A pattern built at run time
 * (`.matches(x + "…")`) is not a literal and is checked when it runs.
 */
type Token =
  | { readonly kind: 'string'; readonly value: string; readonly start: number }
  | { readonly kind: 'word'; readonly value: string; readonly start: number }
  | { readonly kind: 'punct'; readonly value: string; readonly start: number };

export interface PatternLiteral {
  readonly pattern: string;
  /** Offset of the literal in the expression. */
  readonly start: number;
}

const SIMPLE_ESCAPES: Record<string, string> = {
  a: '\x07',
  b: '\b',
  f: '\f',
  n: '\n',
  r: '\r',
  t: '\t',
  v: '\v',
  '\\': '\\',
  "'": "'",
  '"': '"',
  '`': '`',
  '?': '?',
};

/** Decodes one escape at `source[i] === '\\'`; answers the text and where the escape ends. */
function readEscape(source: string, i: number): { text: string; end: number } {
  const kind = source[i + 1] ?? '';
  const simple = SIMPLE_ESCAPES[kind];
  if (simple !== undefined) return { text: simple, end: i + 2 };
  const width = kind === 'x' || kind === 'X' ? 2 : kind === 'u' ? 4 : kind === 'U' ? 8 : 0;
  if (width > 0) {
    const digits = source.slice(i + 2, i + 2 + width);
    const code = /^[0-9a-fA-F]+$/.test(digits) && digits.length === width ? Number.parseInt(digits, 16) : NaN;
    return {
      text: Number.isNaN(code) || code > 0x10ffff ? '' : String.fromCodePoint(code),
      end: i + 2 + width,
    };
  }
  const octal = source.slice(i + 1, i + 4);
  if (/^[0-3][0-7]{2}$/.test(octal))
    return { text: String.fromCharCode(Number.parseInt(octal, 8)), end: i + 4 };
  return { text: kind, end: i + 2 };
}

/** Reads a string literal whose quote starts at `i`; `raw` keeps backslashes as written. */
function readString(source: string, i: number, raw: boolean): { value: string; end: number } {
  const quote = source[i] as string;
  const triple = source.startsWith(quote.repeat(3), i);
  const closing = triple ? quote.repeat(3) : quote;
  let value = '';
  let at = i + closing.length;
  while (at < source.length) {
    if (source.startsWith(closing, at)) return { value, end: at + closing.length };
    const ch = source[at] as string;
    if (!triple && (ch === '\n' || ch === '\r')) break;
    if (ch === '\\' && !raw) {
      const decoded = readEscape(source, at);
      value += decoded.text;
      at = decoded.end;
      continue;
    }
    value += ch;
    at++;
  }
  return { value, end: source.length };
}

function tokenize(source: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < source.length) {
    const ch = source[i] as string;
    if (/\s/.test(ch)) {
      i++;
      continue;
    }
    if (source.startsWith('//', i)) {
      const end = source.indexOf('\n', i);
      i = end === -1 ? source.length : end + 1;
      continue;
    }
    const prefix = /^[rRbB]{1,2}(?=["'])/.exec(source.slice(i, i + 3))?.[0] ?? '';
    const quoteAt = i + prefix.length;
    if (source[quoteAt] === '"' || source[quoteAt] === "'") {
      const literal = readString(source, quoteAt, /[rR]/.test(prefix));
      tokens.push({ kind: 'string', value: literal.value, start: i });
      i = literal.end;
      continue;
    }
    const word = /^[A-Za-z_][A-Za-z0-9_]*/.exec(source.slice(i, i + 128))?.[0];
    if (word) {
      tokens.push({ kind: 'word', value: word, start: i });
      i += word.length;
      continue;
    }
    tokens.push({ kind: 'punct', value: ch, start: i });
    i++;
  }
  return tokens;
}

/** Every `.matches("literal")` in the expression, with the pattern as CEL reads it. */
export function celPatternLiterals(expression: string): PatternLiteral[] {
  const tokens = tokenize(expression);
  const found: PatternLiteral[] = [];
  for (let i = 0; i + 5 <= tokens.length; i++) {
    const [dot, name, open, literal, close] = tokens.slice(i, i + 5);
    if (dot?.value !== '.' || name?.kind !== 'word' || name.value !== 'matches') continue;
    if (open?.value !== '(' || literal?.kind !== 'string' || close?.value !== ')') continue;
    found.push({ pattern: literal.value, start: literal.start });
  }
  return found;
}
