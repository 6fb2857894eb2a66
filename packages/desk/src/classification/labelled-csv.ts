import { CsvError, parse } from 'csv-parse/sync';
import { type ClassificationProblem, problem } from './classification-problem.ts';
import type { TrainingExample } from './classifier-model.ts';

export type LabelledCsvRead =
  | { readonly ok: true; readonly examples: readonly TrainingExample[] }
  | { readonly ok: false; readonly problem: ClassificationProblem };

interface CsvRecord {
  readonly fields: readonly string[];
  /** 1-based line where the record starts (a quoted line break makes records span lines). */
  readonly line: number;
}

const HEADER = ['text', 'label'];

/** Reads a `text,label` file of labelled requests; blank lines are skipped. */
export function readLabelledCsv(content: string): LabelledCsvRead {
  const parsed = readRecords(content);
  if (!parsed.ok) return parsed;
  const [header, ...rows] = parsed.records.filter((record) => !isBlank(record.fields));
  const names = header?.fields.map((name) => name.trim().toLowerCase()) ?? [];
  if (names.length !== HEADER.length || names.some((name, index) => name !== HEADER[index])) {
    const found = (header?.fields ?? []).join(',').slice(0, 80);
    return { ok: false, problem: problem('csv.bad_header', { found }, { line: header?.line ?? 1 }) };
  }
  const examples: TrainingExample[] = [];
  for (const { fields, line } of rows) {
    if (fields.length !== 2) {
      return {
        ok: false,
        problem: problem('csv.wrong_field_count', { line, count: fields.length }, { line }),
      };
    }
    const text = (fields[0] as string).trim();
    const label = (fields[1] as string).trim();
    if (text === '' || label === '')
      return { ok: false, problem: problem('csv.empty_field', { line }, { line }) };
    examples.push({ text, label });
  }
  if (examples.length === 0) return { ok: false, problem: problem('csv.no_rows') };
  return { ok: true, examples };
}

type RecordsRead =
  | { readonly ok: true; readonly records: readonly CsvRecord[] }
  | { readonly ok: false; readonly problem: ClassificationProblem };

/**
 * RFC 4180 as spreadsheets write it (quoted commas, doubled quotes and line
 * breaks; LF, CRLF or CR between records; Excel's byte-order mark), read by
 * csv-parse: a maintained, fuzzed parser instead of our own state machine.
 */
function readRecords(content: string): RecordsRead {
  const records: CsvRecord[] = [];
  // csv-parse counts the lines a record ends on; the next record starts on the line after.
  let lastLine = 0;
  try {
    parse(content, {
      bom: true,
      relax_column_count: true,
      record_delimiter: ['\r\n', '\n', '\r'],
      on_record: (fields: string[], context) => {
        records.push({ fields, line: lastLine + 1 });
        lastLine = context.lines;
        return null;
      },
    });
  } catch (error) {
    if (!(error instanceof CsvError)) throw error;
    const line = lastLine + 1;
    return { ok: false, problem: problem(CSV_ERRORS[error.code] ?? 'csv.unreadable', { line }, { line }) };
  }
  return { ok: true, records };
}

const CSV_ERRORS: Partial<Record<CsvError['code'], Parameters<typeof problem>[0]>> = {
  CSV_QUOTE_NOT_CLOSED: 'csv.unterminated_quote',
  CSV_INVALID_CLOSING_QUOTE: 'csv.text_after_quote',
  INVALID_OPENING_QUOTE: 'csv.quote_inside_text',
};

function isBlank(fields: readonly string[]): boolean {
  return fields.length === 1 && (fields[0] as string).trim() === '';
}
