// The WAL checkpointer's thread (wal-checkpointer.ts). Plain JavaScript: a worker
// thread loads its file with Node's own loader, without the TypeScript loader the
// rest of the sources run under.
import { parentPort, workerData } from 'node:worker_threads';
import Database from 'better-sqlite3';

const { path, intervalMs } = workerData;
const db = new Database(path, { fileMustExist: true });
// A checkpoint that finds the write lock taken tries again at the next tick, never waits.
db.pragma('busy_timeout = 0');

function checkpoint() {
  try {
    // PASSIVE copies what it can without waiting for readers or blocking the writer.
    db.pragma('wal_checkpoint(PASSIVE)');
  } catch (error) {
    // Another process's checkpoint or a writer holding a lock it needs: the next tick tries again.
    if (error?.code === 'SQLITE_BUSY' || error?.code === 'SQLITE_LOCKED') return;
    parentPort?.postMessage({ error: error instanceof Error ? error.message : String(error) });
  }
}

const timer = setInterval(checkpoint, intervalMs);
parentPort?.on('message', (message) => {
  if (message !== 'stop') return;
  clearInterval(timer);
  db.close();
  parentPort?.close();
});
