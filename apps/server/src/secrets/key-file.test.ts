import { spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadOrCreateKeyFile } from './key-file.ts';

const directory = () => mkdtempSync(join(tmpdir(), 'flowdesk-key-'));

describe('the key file beside the database', () => {
  it('is created once, 0600, and read back by every later caller', () => {
    const dir = directory();
    const path = join(dir, 'db.sqlite.key');
    const first = loadOrCreateKeyFile(path, false);
    const second = loadOrCreateKeyFile(path, false);
    expect(second.id).toBe(first.id);
    expect(statSync(path).mode & 0o777).toBe(0o600);
    expect(readdirSync(dir)).toEqual(['db.sqlite.key']);
  });

  it('lets exactly one of several processes starting at once win: the others read its key', async () => {
    const path = join(directory(), 'db.sqlite.key');
    const script = `import { loadOrCreateKeyFile } from ${JSON.stringify(join(import.meta.dirname, 'key-file.ts'))};
      process.stdout.write(loadOrCreateKeyFile(${JSON.stringify(path)}, false).id);`;
    const ids = await Promise.all(
      Array.from(
        { length: 4 },
        () =>
          new Promise<string>((resolve, reject) => {
            const child = spawn(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script]);
            let out = '';
            child.stdout.on('data', (chunk: Buffer) => {
              out += chunk.toString();
            });
            child.once('error', reject);
            child.once('exit', (code) => (code === 0 ? resolve(out) : reject(new Error(`exit ${code}`))));
          }),
      ),
    );
    expect(new Set(ids).size).toBe(1);
    expect(ids[0]).toMatch(/^[0-9a-f]{12}$/);
    expect(loadOrCreateKeyFile(path, false).id).toBe(ids[0]);
  }, 30_000);

  it('is never made anew for a database that already holds sealed secrets', () => {
    const path = join(directory(), 'db.sqlite.key');
    expect(() => loadOrCreateKeyFile(path, true)).toThrow(/No new key is generated/);
  });

  it('says so when it holds something that is not a key', () => {
    const path = join(directory(), 'db.sqlite.key');
    writeFileSync(path, 'hello');
    expect(() => loadOrCreateKeyFile(path, false)).toThrow(/does not hold a 32-byte key/);
  });
});
