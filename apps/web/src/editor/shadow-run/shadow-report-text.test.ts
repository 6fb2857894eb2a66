import type { TFunction } from 'i18next';
import { describe, expect, it } from 'vitest';
import { skipLines } from './shadow-report-text.ts';

const t = ((key: string, options: Record<string, unknown>) =>
  `${key} ${JSON.stringify(options)}`) as TFunction;

describe('skipLines', () => {
  it('names each reason the run did not replay executions, with its count', () => {
    const lines = skipLines(
      {
        skipped: [],
        skippedBy: {
          'trigger_not_replayed:trigger.survey_answered': 3,
          state_unreadable: 1,
          something_new: 2,
        },
      },
      t,
    );
    expect(lines.map((line) => line.text)).toEqual([
      'shadow.skip.survey {"n":3}',
      'shadow.skip.unreadable {"n":1}',
      'shadow.skip.other {"n":2,"reason":"something_new"}',
    ]);
  });

  it('counts the list of a report stored before the counts were kept', () => {
    const lines = skipLines({ skipped: [{ reason: 'state_unreadable' }, { reason: 'state_unreadable' }] }, t);
    expect(lines.map((line) => line.text)).toEqual(['shadow.skip.unreadable {"n":2}']);
  });
});
