import { CODES_WITHOUT_PARAMS } from '../../shared/legacy-incident-codes.ts';
import type { SqliteMigration } from '../migration.types.ts';

const quoted = CODES_WITHOUT_PARAMS.map((code) => `'${code.replaceAll("'", "''")}'`).join(', ');

/** True where the JSON in `column` holds translated text at `path` (a damaged document is left alone). */
const holdsText = (column: string, path: string) =>
  `CASE WHEN json_valid(${column}) THEN json_type(${column}, '${path}') END = 'object'`;

/**
 * Incidents (in the execution state) and step errors were stored with their
 * text in both languages; from now on they hold a code and params, translated
 * where they are read. The code was always stored beside the text, so it is
 * kept. A code whose text has no placeholders needs nothing more; any other
 * keeps its old text as the `legacyText` param, since its params were never
 * stored (see shared/legacy-incident-codes.ts).
 */
export const INCIDENT_CODES_MIGRATION: SqliteMigration = {
  version: 16,
  name: 'incident and step error codes',
  sql: `
    UPDATE executions
      SET state = json_set(json_remove(state, '$.incident.message'), '$.incident.params', json('{}'))
      WHERE ${holdsText('state', '$.incident.message')}
        AND json_extract(state, '$.incident.code') IN (${quoted});
    UPDATE executions
      SET state = json_set(json_remove(state, '$.incident.message'), '$.incident.params',
        json_object('legacyText', json(json_extract(state, '$.incident.message'))))
      WHERE ${holdsText('state', '$.incident.message')};
    UPDATE execution_steps
      SET error = json_set(json_remove(error, '$.message'), '$.params', json('{}'))
      WHERE ${holdsText('error', '$.message')}
        AND json_extract(error, '$.code') IN (${quoted});
    UPDATE execution_steps
      SET error = json_set(json_remove(error, '$.message'), '$.params',
        json_object('legacyText', json(json_extract(error, '$.message'))))
      WHERE ${holdsText('error', '$.message')};`,
};
