import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

/*
 * The real `flowdesk` binary, spawned the way a user runs it from the repository
 * root. Each spawn costs about half a second, so the in-process cases live in
 * main.test.ts and only what needs the real process is here.
 */

const repoRoot = fileURLToPath(new URL('../../../../', import.meta.url));
const bin = join(repoRoot, 'apps/server/bin/flowdesk.mjs');
const fixtures = 'apps/server/test/fixtures';

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

function flowdesk(...args: string[]): Promise<Run> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [bin, ...args],
      { cwd: repoRoot, env: { PATH: process.env.PATH, LANG: 'C.UTF-8' }, timeout: 15_000 },
      (error, stdout, stderr) => {
        const code = error ? (typeof error.code === 'number' ? error.code : -1) : 0;
        resolve({ code, stdout, stderr });
      },
    );
  });
}

let scratch = '';
beforeAll(async () => {
  scratch = await mkdtemp(join(tmpdir(), 'flowdesk-bin-'));
});
afterAll(async () => {
  await rm(scratch, { recursive: true, force: true });
});

describe('flowdesk validate (the real binary)', () => {
  it('exits 0 on a good flow and says so', async () => {
    const run = await flowdesk('validate', `${fixtures}/good-flow.json`);
    expect(run).toMatchObject({ code: 0, stderr: '' });
    expect(run.stdout).toContain('good-flow.json: no problems found');
  });

  it('exits 1 on a dangling edge and names the edge', async () => {
    const run = await flowdesk('validate', `${fixtures}/dangling-edge-flow.json`);
    expect(run.code).toBe(1);
    expect(run.stdout).toMatch(/^ERROR edge-9 target: .*deleted-node/m);
    expect(run.stdout).toContain('1 error, 0 warnings');
  });

  it('speaks Chinese with --lang zh-CN', async () => {
    const run = await flowdesk('validate', `${fixtures}/dangling-edge-flow.json`, '--lang', 'zh-CN');
    expect(run.code).toBe(1);
    expect(run.stdout).toContain('连线 edge-9 指向不存在的节点「deleted-node」');
    expect(run.stdout).toContain('1 个错误，0 个警告');
  });

  it('exits 2 on truncated JSON and gives the line and column where it stops', async () => {
    const file = join(scratch, 'truncated.json');
    await writeFile(file, '{"nodes":');
    const run = await flowdesk('validate', file);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain(`ERROR ${file}:1:10: the JSON ends before it is complete`);
  });

  it('exits 2 on a missing file', async () => {
    const run = await flowdesk('validate', 'no/such/flow.json');
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('File not found: no/such/flow.json');
  });

  it('exits 2 on JSON that is not a flow, with parseable --json output', async () => {
    const run = await flowdesk('validate', `${fixtures}/not-a-flow.json`, '--json');
    expect(run.code).toBe(2);
    const output = JSON.parse(run.stdout);
    expect(output.ok).toBe(false);
    expect(output.problems[0]).toMatchObject({ code: 'flow.not_a_flow', severity: 'error' });
    expect(output.problems[0].message['zh-CN']).toContain('这不是一个流程文件');
  });
});
