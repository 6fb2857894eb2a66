import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { KPI_MARK_SQL, openSqliteStore } from '@flowdesk/store';
import Database from 'better-sqlite3';

/**
 * What a trigger on `tickets` costs, and why (BENCHMARKS.md, "What keeping the
 * rollups current costs intake"): a raw better-sqlite3 replay of a ticket insert
 * and one update, 16 tickets per transaction, on a fresh file with today's schema.
 * Modes:
 * - none: no insert or update trigger on tickets (as since migration 046);
 * - triggers: migration 032's kpi_dirty triggers on insert and update;
 * - empty-triggers: two triggers that do nothing (SELECT 1);
 * - repository: no trigger; the mark's upsert run after each write, as the repository does.
 * Each mode runs with temp_store FILE (SQLite's default) and MEMORY (the store's).
 * The subjects take turns, 250 transactions each per round, and the marks are cleared
 * after each turn as the rollup job would.
 * Usage: npx tsx bench/statement-journal-bench.ts [rounds=10]
 */

const ROUNDS = Number(process.argv[2] ?? 10);
const TRANSACTIONS = 250;
const PER_TRANSACTION = 16;
const MODES = ['none', 'triggers', 'empty-triggers', 'repository'] as const;
type Mode = (typeof MODES)[number];

const TRIGGERS: Record<Mode, string> = {
  none: '',
  repository: '',
  triggers: `
    CREATE TRIGGER bench_mark_insert AFTER INSERT ON tickets BEGIN ${KPI_MARK_SQL.replace('?', 'NEW.id')}; END;
    CREATE TRIGGER bench_mark_update AFTER UPDATE ON tickets BEGIN ${KPI_MARK_SQL.replace('?', 'NEW.id')}; END;`,
  'empty-triggers': `
    CREATE TRIGGER bench_empty_insert AFTER INSERT ON tickets BEGIN SELECT 1; END;
    CREATE TRIGGER bench_empty_update AFTER UPDATE ON tickets BEGIN SELECT 1; END;`,
};

/** A ticket row with every NOT NULL column filled, from the table's own definition. */
function ticketRow(db: Database.Database): Record<string, unknown> {
  const columns = db
    .prepare("SELECT name, [notnull] AS required, type FROM pragma_table_info('tickets')")
    .all() as Array<{
    name: string;
    required: number;
    type: string;
  }>;
  return Object.fromEntries(
    columns.map(({ name, required, type }) => [
      name,
      !required ? null : type === 'INTEGER' ? 1 : name.endsWith('_at') ? '2026-12-01T00:00:00.000Z' : '[]',
    ]),
  );
}

interface Subject {
  label: string;
  write: () => void;
  /** The fold's part: marks read and removed, as the rollup job does every 30 s. */
  fold: () => void;
  close: () => void;
  micros: number;
  tickets: number;
}

async function open(dir: string, mode: Mode, tempStore: 'FILE' | 'MEMORY'): Promise<Subject> {
  const path = join(dir, `${mode}-${tempStore}.sqlite`);
  await (await openSqliteStore({ path })).close();
  const db = new Database(path);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = NORMAL');
  db.pragma(`temp_store = ${tempStore}`);
  if (TRIGGERS[mode]) db.exec(TRIGGERS[mode]);
  const template = ticketRow(db);
  const names = Object.keys(template);
  const insert = db.prepare(
    `INSERT INTO tickets (${names.join(', ')}) VALUES (${names.map((n) => `@${n}`).join(', ')})`,
  );
  const update = db.prepare('UPDATE tickets SET team = @team, updated_at = @updatedAt WHERE id = @id');
  const mark = db.prepare(KPI_MARK_SQL);
  const marks = mode === 'repository';
  let counter = 0;
  const write = db.transaction(() => {
    for (let n = 0; n < PER_TRANSACTION; n++) {
      counter++;
      // Random ids, as the runtime's are: each ticket lands at its own place in the id index.
      const id = `${Math.random().toString(36).slice(2)}-${counter}`;
      insert.run({ ...template, id, number: `B${counter}` });
      if (marks) mark.run(id);
      update.run({ team: 'support', updatedAt: '2026-12-01T00:01:00.000Z', id });
      if (marks) mark.run(id);
    }
  });
  return {
    label: `| ${mode} | ${tempStore} |`,
    write,
    fold: () => db.exec('DELETE FROM kpi_dirty'),
    close: () => db.close(),
    micros: 0,
    tickets: 0,
  };
}

// Every subject takes a slice of each round in turn, so the machine's drift and the tables'
// growth weigh on all of them alike.
const dir = mkdtempSync(join(tmpdir(), 'flowdesk-journal-bench-'));
try {
  const subjects: Subject[] = [];
  for (const tempStore of ['FILE', 'MEMORY'] as const) {
    for (const mode of MODES) subjects.push(await open(dir, mode, tempStore));
  }
  for (let round = 0; round < ROUNDS; round++) {
    for (const subject of subjects) {
      const started = process.cpuUsage();
      for (let t = 0; t < TRANSACTIONS; t++) subject.write();
      const used = process.cpuUsage(started);
      subject.micros += used.user + used.system;
      subject.tickets += TRANSACTIONS * PER_TRANSACTION;
      subject.fold();
    }
  }
  console.log(
    `| mode | temp_store | µs CPU per ticket (insert + update), ${ROUNDS} rounds of ${TRANSACTIONS * PER_TRANSACTION} |`,
  );
  console.log('| --- | --- | --- |');
  for (const subject of subjects) {
    console.log(`${subject.label} ${(subject.micros / subject.tickets).toFixed(1)} |`);
    subject.close();
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}
