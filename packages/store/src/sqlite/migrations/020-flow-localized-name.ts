import type { SqliteMigration } from '../migration.types.ts';

/**
 * A flow may carry its name in both languages (a flow installed from a template
 * does), as JSON `{ "zh-CN": …, "en": … }`; the web app shows the interface
 * language's one and falls back to `name`. Existing flows have none.
 */
export const FLOW_LOCALIZED_NAME_MIGRATION: SqliteMigration = {
  version: 20,
  name: 'flow localized name',
  sql: 'ALTER TABLE flows ADD COLUMN localized_name TEXT;',
};
