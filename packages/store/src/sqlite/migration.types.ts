/**
 * One numbered schema change. Its own file so the migrations under
 * migrations/ and the list in sqlite-migrations.ts that imports them do not
 * import each other.
 */
export interface SqliteMigration {
  version: number;
  name: string;
  sql: string;
}
