import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { openSqliteStore } from '../open-sqlite-store.ts';
import { applyMigrations, SQLITE_MIGRATIONS } from '../sqlite-migrations.ts';

const directory = mkdtempSync(join(tmpdir(), 'flowdesk-migration-025-'));

afterAll(() => {
  rmSync(directory, { recursive: true, force: true });
});

describe('migration 025: knowledge article status', () => {
  it('keeps articles written before it published, so they still answer customers', async () => {
    const path = join(directory, 'before-025.sqlite');
    const old = new Database(path);
    applyMigrations(
      old,
      SQLITE_MIGRATIONS.filter((migration) => migration.version < 25),
    );
    old
      .prepare(
        `INSERT INTO kb_articles (id, workspace_id, title, questions, answer, tags, updated_at)
         VALUES ('kb-1', 'ws-1', ?, ?, ?, '[]', '2026-01-01T00:00:00.000Z')`,
      )
      .run(
        JSON.stringify({ 'zh-CN': '退货', en: 'Returns' }),
        JSON.stringify({ 'zh-CN': ['怎么退货'], en: [] }),
        JSON.stringify({ 'zh-CN': '七天内可退', en: 'Within seven days' }),
      );
    old.close();

    const store = await openSqliteStore({ path });
    expect(await store.kbArticles.get('kb-1')).toMatchObject({ status: 'published', tags: [] });
    expect(await store.kbAnswers.usage('ws-1', '2026-01-01T00:00:00.000Z')).toEqual([]);
    await store.close();
  });
});
