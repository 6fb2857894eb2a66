import type { SqliteMigration } from '../migration.types.ts';

/** A text value at `path` of the state, trimmed; NULL when absent, blank or not text or a number. */
function textAt(path: string): string {
  const value = `json_extract(state, '${path}')`;
  return `CASE WHEN json_type(state, '${path}') IN ('text', 'integer', 'real')
    AND trim(CAST(${value} AS TEXT)) <> '' THEN substr(trim(CAST(${value} AS TEXT)), 1, 320) END`;
}

/** The customer field as executionSearchKeys() picks it: the looked-up profile first, then the request. */
function customerText(key: string): string {
  return `COALESCE(${textAt(`$.data.customer.${key}`)}, ${textAt(`$.data.request.customer.${key}`)})`;
}

const PHONE = customerText('phone');
const PHONE_DIGITS = `NULLIF(${['+', '-', ' ', '(', ')', '.', '/'].reduce(
  (expression, mark) => `replace(${expression}, '${mark}', '')`,
  PHONE,
)}, '')`;

/**
 * The ticket number and customer of each execution, copied out of its run
 * state (see shared/execution-search-keys.ts for the paths) so the executions
 * list can show them and search by them. Existing executions are filled in
 * here; from now on every create and save writes them.
 */
export const EXECUTION_SEARCH_MIGRATION: SqliteMigration = {
  version: 18,
  name: 'execution search keys',
  sql: `
    ALTER TABLE executions ADD COLUMN ticket_number TEXT COLLATE NOCASE;
    ALTER TABLE executions ADD COLUMN customer_id TEXT;
    ALTER TABLE executions ADD COLUMN customer_name TEXT;
    ALTER TABLE executions ADD COLUMN customer_email TEXT;
    ALTER TABLE executions ADD COLUMN customer_phone TEXT;
    ALTER TABLE executions ADD COLUMN customer_channel_id TEXT;
    UPDATE executions SET
      ticket_number = ${textAt('$.data.ticket.number')},
      customer_id = ${textAt('$.data.customer.id')},
      customer_name = ${customerText('name')},
      customer_email = lower(${customerText('email')}),
      customer_phone = ${PHONE_DIGITS},
      customer_channel_id = ${customerText('channelId')}
    WHERE json_valid(state);
    CREATE INDEX executions_by_ticket_number ON executions (ticket_number);
    CREATE INDEX executions_by_customer ON executions (customer_id);
    CREATE INDEX executions_by_customer_email ON executions (customer_email);
    CREATE INDEX executions_by_customer_channel ON executions (customer_channel_id);`,
};
