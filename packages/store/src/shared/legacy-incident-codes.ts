/**
 * Migration 016 (SQLite and Mongo) turns the text frozen into stored incidents
 * and step errors into params. The text of these codes has no placeholders, so
 * the code alone writes it again and the stored text is dropped. Any other
 * code keeps its text as the `legacyText` param, because the params it was
 * written from were never stored. The server's catalog test checks that each
 * code listed here reads the same whatever params it gets.
 */
export const CODES_WITHOUT_PARAMS: readonly string[] = [
  'desk.no_ticket',
  'desk.customer_not_found',
  'desk.customer_unknown',
  'desk.solution_required',
  'notification.no_recipient',
  'runtime.no_recipient',
];
