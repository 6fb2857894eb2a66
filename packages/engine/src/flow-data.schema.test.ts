import { FIELD_SOURCE_IDS } from '@flowdesk/model';
import { describe, expect, it } from 'vitest';
import { DATA_SOURCES, DataPatchSchema, mergeData } from './flow-data.schema.ts';

describe('flow data', () => {
  it('has exactly the sources the model lets flows read, so a new source cannot be forgotten here', () => {
    expect([...DATA_SOURCES].sort()).toEqual([...FIELD_SOURCE_IDS].sort());
  });

  it('merges a patch field by field, keeping what the patch does not mention', () => {
    const data = { ticket: { number: 'CS1', status: 'new' }, variables: { a: 1 } };
    expect(mergeData(data, { ticket: { status: 'closed' }, variables: { b: 2 } })).toEqual({
      ticket: { number: 'CS1', status: 'closed' },
      variables: { a: 1, b: 2 },
    });
    expect(data.ticket.status).toBe('new');
  });

  it('refuses a patch for a source that does not exist', () => {
    expect(DataPatchSchema.safeParse({ weather: { sunny: true } }).success).toBe(false);
  });
});
