import { type ClassificationProblem, problem } from './classification-messages.ts';
import type { TrainingExample } from './classifier-model.ts';
import { parseCsv } from './csv-parser.ts';

export type LabelledCsvRead =
  | { readonly ok: true; readonly examples: readonly TrainingExample[] }
  | { readonly ok: false; readonly problem: ClassificationProblem };

const HEADER = ['text', 'label'];

/** Reads a `text,label` file of labelled requests; blank lines are skipped. */
export function readLabelledCsv(content: string): LabelledCsvRead {
  const parsed = parseCsv(content);
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

function isBlank(fields: readonly string[]): boolean {
  return fields.length === 1 && (fields[0] as string).trim() === '';
}
