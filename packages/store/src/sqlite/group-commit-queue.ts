import type Database from 'better-sqlite3';
import { StoreError } from '../port/store-error.ts';
import type { AsyncMutex } from './async-mutex.ts';
import { retryWhileBusy } from './sqlite-busy.ts';
import type { SqliteRunner } from './sqlite-context.ts';

/**
 * Most transactions one commit carries. A commit writes each page its units
 * changed once, so pages they share (index interiors, the due-jobs index, the
 * rollup rows) cost less per unit in a larger group: 10,000 timers fired as
 * batches of 128 wrote ~2.4 fewer WAL frames each than as batches of 64 and
 * kept the main thread busy 537–611 µs per timer against 643–728 in alternated
 * runs. The price is the wait of a request queued behind a full batch: ~60 ms
 * of fired timers instead of ~30. Intake at 64 connections never fills a group.
 */
export const MAX_GROUP = 128;

export interface GroupCommitQueueOptions<Tx> {
  db: Database.Database;
  /** The connection's lock: a batch holds it from BEGIN to COMMIT, so single statements wait outside. */
  mutex: AsyncMutex;
  /** How long BEGIN waits for another connection's write lock before the batch fails. */
  busyTimeoutMs: number;
  /** What one unit of work is given, built over a runner that refuses work once the unit has ended. */
  openUnit: (run: SqliteRunner) => Tx;
  /** Most units one commit carries; default MAX_GROUP. */
  maxGroup?: number;
}

interface QueuedUnit<Tx> {
  work: (tx: Tx) => Promise<unknown>;
  resolve: (value: unknown) => void;
  reject: (error: unknown) => void;
}

type UnitOutcome = { ok: true; value: unknown } | { ok: false; error: unknown };

/**
 * Group commit: transactions that arrive while one is running are queued and
 * then run together inside one BEGIN … COMMIT, each in its own savepoint. A
 * failing one rolls back only its savepoint; every caller is answered only
 * after the shared COMMIT, so nothing is reported done before it is durable.
 * If BEGIN or COMMIT fails, the whole batch rolls back and every caller in it
 * gets that error. Under load this turns many small commits into a few larger
 * ones, which is most of what a commit costs.
 */
export class GroupCommitQueue<Tx> {
  readonly #db: Database.Database;
  readonly #mutex: AsyncMutex;
  readonly #busyTimeoutMs: number;
  readonly #openUnit: (run: SqliteRunner) => Tx;
  readonly #maxGroup: number;
  readonly #queued: Array<QueuedUnit<Tx>> = [];
  #draining = false;
  readonly #begin: Database.Statement;
  readonly #commit: Database.Statement;
  readonly #rollback: Database.Statement;
  readonly #savepoint: Database.Statement;
  readonly #releaseSavepoint: Database.Statement;
  readonly #rollbackSavepoint: Database.Statement;

  constructor(options: GroupCommitQueueOptions<Tx>) {
    this.#db = options.db;
    this.#mutex = options.mutex;
    this.#busyTimeoutMs = options.busyTimeoutMs;
    this.#openUnit = options.openUnit;
    this.#maxGroup = options.maxGroup ?? MAX_GROUP;
    this.#begin = this.#db.prepare('BEGIN IMMEDIATE');
    this.#commit = this.#db.prepare('COMMIT');
    this.#rollback = this.#db.prepare('ROLLBACK');
    this.#savepoint = this.#db.prepare('SAVEPOINT unit');
    this.#releaseSavepoint = this.#db.prepare('RELEASE unit');
    this.#rollbackSavepoint = this.#db.prepare('ROLLBACK TO unit');
  }

  /** Queues work as one unit of the next batch; settles after that batch's COMMIT (or its failure). */
  run<T>(work: (tx: Tx) => Promise<T>): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      this.#queued.push({ work, resolve: resolve as (value: unknown) => void, reject });
      if (this.#draining) return;
      this.#draining = true;
      // Started after the I/O callbacks of this turn of the event loop: requests
      // that arrived together reach this queue first and share one COMMIT.
      setImmediate(() => void this.#drain().catch(() => undefined));
    });
  }

  async #drain(): Promise<void> {
    this.#draining = true;
    try {
      while (this.#queued.length > 0) {
        await this.#mutex.acquire();
        try {
          await this.#runBatch(this.#queued.splice(0, this.#maxGroup));
        } finally {
          // Releasing between batches lets single statements waiting on the lock in.
          this.#mutex.release();
        }
      }
    } finally {
      this.#draining = false;
    }
  }

  /**
   * Each unit runs in a savepoint, and SQLite copies every page a savepoint changes
   * into a statement journal. With the default temp_store that journal moves to a
   * temporary file once it passes 64 KiB, which an intake's unit does, and each
   * page it copies is then a write system call: 770–1,280 µs of CPU per intake
   * against 650–690 µs with the journal in memory (BENCHMARKS.md, "Statement
   * journals in memory"). A unit changes a few dozen pages, so its batch keeps the
   * journals in memory. Outside the batches the connection goes back to the
   * default, because temp_store = MEMORY also takes away the sorter's spill to disk
   * and keeps temporary b-trees in memory: a dashboard sort, a migration rewriting a
   * table or compact()'s VACUUM copy would then be held whole in RAM. SQLite reads
   * the setting when a write transaction begins, so it is set before BEGIN and reset
   * after COMMIT or ROLLBACK. exec, not a prepared statement: this pragma acts when
   * it is compiled, so running a prepared one again does nothing.
   */
  async #runBatch(batch: Array<QueuedUnit<Tx>>): Promise<void> {
    try {
      this.#db.exec('PRAGMA temp_store = MEMORY');
      await retryWhileBusy(() => this.#begin.run(), this.#busyTimeoutMs);
    } catch (error) {
      this.#journalsByDefault();
      for (const unit of batch) unit.reject(error);
      return;
    }
    const outcomes: UnitOutcome[] = [];
    try {
      for (const unit of batch) outcomes.push(await this.#runUnit(unit));
      this.#commit.run();
    } catch (error) {
      if (this.#db.inTransaction) this.#rollback.run();
      this.#journalsByDefault();
      for (const unit of batch) unit.reject(error);
      return;
    }
    // Before any caller is answered, so what runs next on the connection finds the default.
    this.#journalsByDefault();
    batch.forEach((unit, index) => {
      const outcome = outcomes[index];
      if (outcome?.ok) unit.resolve(outcome.value);
      else unit.reject(outcome?.error);
    });
  }

  #journalsByDefault(): void {
    if (!this.#db.open) return;
    try {
      this.#db.exec('PRAGMA temp_store = DEFAULT');
    } catch {
      // Only inside a transaction can this fail, and then the next batch sets it again; until
      // then a sort may use memory for its temporary data, which loses nothing.
    }
  }

  async #runUnit(unit: QueuedUnit<Tx>): Promise<UnitOutcome> {
    let open = true;
    // The unit owns the connection while the batch holds the mutex, so its work skips the lock.
    const run: SqliteRunner = (work) => {
      if (!open) return Promise.reject(new StoreError('transaction_closed', 'The transaction has ended'));
      try {
        return Promise.resolve(work());
      } catch (error) {
        return Promise.reject(error);
      }
    };
    this.#savepoint.run();
    try {
      const value = await unit.work(this.#openUnit(run));
      this.#releaseSavepoint.run();
      return { ok: true, value };
    } catch (error) {
      this.#rollbackSavepoint.run();
      this.#releaseSavepoint.run();
      return { ok: false, error };
    } finally {
      open = false;
    }
  }
}
