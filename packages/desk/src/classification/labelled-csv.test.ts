import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type LabelledCsvRead, readLabelledCsv } from './labelled-csv.ts';

function examples(read: LabelledCsvRead): Array<[string, string]> {
  if (!read.ok) throw new Error(read.problem.message.en);
  return read.examples.map((example) => [example.text, example.label]);
}

function failure(read: LabelledCsvRead): [string, number | undefined] | undefined {
  return read.ok ? undefined : [read.problem.code, read.problem.line];
}

describe('readLabelledCsv: CSV as spreadsheets write it', () => {
  it('reads quoted fields with commas, doubled quotes and line breaks', () => {
    const read = readLabelledCsv('text,label\r\n"where, is it","say ""hi"""\r\n"two\nlines",x\r\n');
    expect(examples(read)).toEqual([
      ['where, is it', 'say "hi"'],
      ['two\nlines', 'x'],
    ]);
  });

  it('drops a byte-order mark and accepts LF, CRLF, CR and a missing final line break', () => {
    expect(examples(readLabelledCsv('\uFEFFtext,label\nhi,x\r\nbye,y\r退款,returns'))).toEqual([
      ['hi', 'x'],
      ['bye', 'y'],
      ['退款', 'returns'],
    ]);
  });

  it('counts lines, not records, after a quoted line break', () => {
    const read = readLabelledCsv('text,label\n"first\nsecond\nthird",a\n\nonly one field\n');
    expect(failure(read)).toEqual(['csv.wrong_field_count', 6]);
  });

  it('reports an unclosed quote and text after a closing quote with the line', () => {
    expect(failure(readLabelledCsv('text,label\nok,a\n"never closed,x\n\n'))).toEqual([
      'csv.unterminated_quote',
      3,
    ]);
    expect(failure(readLabelledCsv('text,label\n"quoted"tail,x\n'))).toEqual(['csv.text_after_quote', 2]);
    expect(failure(readLabelledCsv('text,label\n他说 "退款" 了,x\n'))).toEqual(['csv.quote_inside_text', 2]);
  });

  it('explains a broken file in both languages', () => {
    const read = readLabelledCsv('text,label\n"never closed,x\n');
    if (read.ok) throw new Error('expected a problem');
    expect(read.problem.message['zh-CN']).toBe('第 2 行开始的引号没有闭合');
    expect(read.problem.message.en).toBe('The quote opened on line 2 is never closed');
  });
});

/** How a spreadsheet writes a field: quoted when it holds a comma, quote or line break. */
function writeField(value: string): string {
  return /[",\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

describe('readLabelledCsv round trip', () => {
  it('reads back any text,label table written with RFC 4180 quoting', () => {
    // Values are trimmed when read, so the generated ones start and end with a visible character.
    const cell = fc
      .string({ unit: fc.constantFrom('a', 'z', ',', '"', '\n', '\r', ' ', '退', '😀'), maxLength: 8 })
      .filter((value) => value !== '' && value.trim() === value);
    const rows = fc.array(fc.tuple(cell, cell), { minLength: 1, maxLength: 6 });
    fc.assert(
      fc.property(rows, fc.constantFrom('\n', '\r\n'), (table, newline) => {
        const lines = [['text', 'label'], ...table].map((row) => row.map(writeField).join(','));
        expect(examples(readLabelledCsv(lines.join(newline) + newline))).toEqual(table);
      }),
      { numRuns: 200 },
    );
  });
});

describe('readLabelledCsv', () => {
  it('reads text,label rows, trimming and skipping blank lines', () => {
    const read = readLabelledCsv('Text, Label\n"where, is my order",order_status\n\n  \n 退款 ,returns\n');
    expect(read).toEqual({
      ok: true,
      examples: [
        { text: 'where, is my order', label: 'order_status' },
        { text: '退款', label: 'returns' },
      ],
    });
  });

  it('refuses a wrong header with a translated message that quotes it', () => {
    const read = readLabelledCsv('utterance,intent\nhi,x\n');
    expect(read.ok).toBe(false);
    if (read.ok) return;
    expect(read.problem.code).toBe('csv.bad_header');
    expect(read.problem.message.en).toContain('text,label');
    expect(read.problem.message['zh-CN']).toContain('utterance,intent');
  });

  it('points at rows with the wrong number of fields or an empty value', () => {
    const extra = readLabelledCsv('text,label\nok,a\nwhere, is it,b\n');
    expect(failure(extra)).toEqual(['csv.wrong_field_count', 3]);
    const empty = readLabelledCsv('text,label\n ,a\n');
    expect(failure(empty)).toEqual(['csv.empty_field', 2]);
    const none = readLabelledCsv('text,label\n');
    expect(failure(none)).toEqual(['csv.no_rows', undefined]);
  });
});
