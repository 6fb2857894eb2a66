import { type ClassificationProblem, problem } from './classification-messages.ts';

/*
 * RFC 4180 CSV: fields separated by commas, records by CRLF (LF and lone CR are
 * accepted too, as spreadsheets write all three); a field in double quotes may
 * hold commas, quotes doubled ("") and line breaks. A UTF-8 byte-order mark,
 * which Excel writes, is dropped.
 */

export interface CsvRecord {
  readonly fields: readonly string[];
  /** 1-based line where the record starts (a quoted line break makes records span lines). */
  readonly line: number;
}

export type CsvParse =
  | { readonly ok: true; readonly records: readonly CsvRecord[] }
  | { readonly ok: false; readonly problem: ClassificationProblem };

const QUOTE = '"';

export function parseCsv(input: string): CsvParse {
  const source = input.startsWith('\uFEFF') ? input.slice(1) : input;
  const records: CsvRecord[] = [];
  let fields: string[] = [];
  let field = '';
  let line = 1;
  let recordLine = 1;
  let i = 0;
  const endRecord = () => {
    fields.push(field);
    records.push({ fields, line: recordLine });
    fields = [];
    field = '';
  };
  while (i < source.length) {
    const char = source[i] as string;
    if (char === QUOTE && field === '') {
      const quoteLine = line;
      i++;
      for (;;) {
        if (i >= source.length)
          return {
            ok: false,
            problem: problem('csv.unterminated_quote', { line: quoteLine }, { line: quoteLine }),
          };
        const inner = source[i] as string;
        if (inner === QUOTE) {
          if (source[i + 1] === QUOTE) {
            field += QUOTE;
            i += 2;
            continue;
          }
          i++;
          break;
        }
        if (inner === '\n' || (inner === '\r' && source[i + 1] !== '\n')) line++;
        field += inner;
        i++;
      }
      const after = source[i];
      if (after !== undefined && after !== ',' && after !== '\n' && after !== '\r') {
        return { ok: false, problem: problem('csv.text_after_quote', { line }, { line }) };
      }
      continue;
    }
    if (char === ',') {
      fields.push(field);
      field = '';
      i++;
    } else if (char === '\r' || char === '\n') {
      endRecord();
      i += char === '\r' && source[i + 1] === '\n' ? 2 : 1;
      line++;
      recordLine = line;
    } else {
      field += char;
      i++;
    }
  }
  // A final record without a line break still counts; a trailing line break adds no empty record.
  if (field !== '' || fields.length > 0) endRecord();
  return { ok: true, records };
}
