import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseCsv } from './csv-parser.ts';
import { readLabelledCsv } from './labelled-csv.ts';

function fields(input: string): string[][] {
  const parsed = parseCsv(input);
  if (!parsed.ok) throw new Error(parsed.problem.message.en);
  return parsed.records.map((record) => [...record.fields]);
}

describe('parseCsv (RFC 4180)', () => {
  it('reads quoted fields with commas, doubled quotes and line breaks', () => {
    expect(fields('a,"b, c","say ""hi"""\r\n"two\nlines",x,""\r\n')).toEqual([
      ['a', 'b, c', 'say "hi"'],
      ['two\nlines', 'x', ''],
    ]);
  });

  it('drops a byte-order mark and accepts LF, CRLF and a missing final line break', () => {
    expect(fields('\uFEFFtext,label\nhi,x\r\nbye,y')).toEqual([
      ['text', 'label'],
      ['hi', 'x'],
      ['bye', 'y'],
    ]);
  });

  it('keeps empty fields and records where each record starts', () => {
    const parsed = parseCsv('a,,\n"x\ny",z\nlast,1\n');
    expect(parsed.ok && parsed.records.map((record) => [record.fields.length, record.line])).toEqual([
      [3, 1],
      [2, 2],
      [2, 4],
    ]);
  });

  it('reports an unclosed quote and text after a closing quote with the line', () => {
    const open = parseCsv('text,label\n"never closed,x\n');
    expect(open.ok).toBe(false);
    if (!open.ok) expect([open.problem.code, open.problem.line]).toEqual(['csv.unterminated_quote', 2]);
    const after = parseCsv('a,b\n"quoted"tail,x\n');
    expect(after.ok).toBe(false);
    if (!after.ok) expect([after.problem.code, after.problem.line]).toEqual(['csv.text_after_quote', 2]);
  });
});

/** How a spreadsheet writes a field: quoted when it holds a comma, quote or line break. */
function writeField(value: string): string {
  return /[",\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

describe('parseCsv round trip', () => {
  it('reads back any table written with RFC 4180 quoting', () => {
    const cell = fc.string({
      unit: fc.constantFrom('a', 'z', ',', '"', '\n', '\r', ' ', '退', '😀'),
      maxLength: 8,
    });
    const table = fc
      .integer({ min: 1, max: 4 })
      .chain((width) =>
        fc.array(fc.array(cell, { minLength: width, maxLength: width }), { minLength: 1, maxLength: 6 }),
      )
      // A record of one empty field is written as an empty line, which a reader cannot tell from no record.
      .filter((rows) => rows.every((row) => row.length > 1 || row[0] !== ''));
    fc.assert(
      fc.property(table, fc.constantFrom('\n', '\r\n'), (rows, newline) => {
        const text = rows.map((row) => row.map(writeField).join(',')).join(newline) + newline;
        expect(fields(text)).toEqual(rows);
      }),
      { numRuns: 200 },
    );
  });
});

describe('readLabelledCsv', () => {
  it('reads text,label rows, trimming and skipping blank lines', () => {
    const read = readLabelledCsv('Text, Label\n"where, is my order",order_status\n\n 退款 ,returns\n');
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
    expect(!extra.ok && [extra.problem.code, extra.problem.line]).toEqual(['csv.wrong_field_count', 3]);
    const empty = readLabelledCsv('text,label\n ,a\n');
    expect(!empty.ok && empty.problem.code).toBe('csv.empty_field');
    const none = readLabelledCsv('text,label\n');
    expect(!none.ok && none.problem.code).toBe('csv.no_rows');
  });
});
