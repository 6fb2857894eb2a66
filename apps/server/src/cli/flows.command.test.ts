import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { FIXTURES, memoryIo } from './cli-test-kit.ts';
import { runCli } from './main.ts';

describe('flowdesk flows', () => {
  it('imports a flow file as a draft, lists it and exports it back', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'flowdesk-flows-'));
    const env = { FLOWDESK_DB: join(dir, 'db.sqlite') };

    const imported = memoryIo(env);
    expect(
      await runCli(
        ['flows', 'import', `${FIXTURES}/good-flow.json`, '--name', '退货流程', '--lang', 'en'],
        imported,
      ),
    ).toBe(0);
    const id = /Imported as a draft: (\S+)/.exec(imported.out())?.[1] ?? '';
    expect(id).not.toBe('');

    const listed = memoryIo(env);
    expect(await runCli(['flows', 'list'], listed)).toBe(0);
    expect(listed.out()).toContain(`${id}\t-\t退货流程`);

    const out = join(dir, 'exported.json');
    expect(await runCli(['flows', 'export', id, '--out', out], memoryIo(env))).toBe(0);
    const original = JSON.parse(readFileSync(`${FIXTURES}/good-flow.json`, 'utf8')) as { nodes: unknown[] };
    const exported = JSON.parse(readFileSync(out, 'utf8')) as {
      format: string;
      name: string;
      nodes: unknown[];
    };
    expect(exported).toMatchObject({ format: 'flowdesk.flow/v1', name: '退货流程' });
    expect(exported.nodes).toEqual(original.nodes);
  });

  it('says when a flow or version does not exist, and refuses wrong arguments', async () => {
    const env = { FLOWDESK_DB: join(mkdtempSync(join(tmpdir(), 'flowdesk-flows-')), 'db.sqlite') };
    const missing = memoryIo(env);
    expect(await runCli(['flows', 'export', 'nope', '--lang', 'en'], missing)).toBe(1);
    expect(missing.err()).toContain('Not found: nope');
    expect(await runCli(['flows', 'rename'], memoryIo(env))).toBe(2);
    expect(await runCli(['flows', 'export', 'x', '--version', 'abc'], memoryIo(env))).toBe(1);
  });
});
