import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import serverPackage from '../../package.json' with { type: 'json' };
import { FIXTURES, memoryIo } from './cli-test-kit.ts';
import { runCli } from './main.ts';
import { formatProblemLine } from './problem-format.ts';

let scratch = '';
beforeAll(async () => {
  scratch = await mkdtemp(join(tmpdir(), 'flowdesk-cli-'));
});
afterAll(async () => {
  await rm(scratch, { recursive: true, force: true });
});

async function scratchFile(name: string, content: string | Uint8Array): Promise<string> {
  const path = join(scratch, name);
  await writeFile(path, content);
  return path;
}

describe('runCli: commands and options', () => {
  it('prints help with the commands, and the version', async () => {
    const help = memoryIo();
    expect(await runCli(['--help'], help)).toBe(0);
    expect(help.out()).toContain('validate <flow.json> [--json]');
    const bare = memoryIo();
    expect(await runCli([], bare)).toBe(0);
    expect(bare.out()).toBe(help.out());
    const version = memoryIo();
    expect(await runCli(['--version'], version)).toBe(0);
    expect(version.out()).toBe(`${serverPackage.version}\n`);
  });

  it('lists exit codes in a command help, in the chosen language', async () => {
    const io = memoryIo();
    expect(await runCli(['validate', '--help', '--lang', 'zh-CN'], io)).toBe(0);
    expect(io.out()).toContain('用法: flowdesk validate');
    expect(io.out()).toContain('流程有错误');
  });

  it('refuses wrong usage with exit 2 and a translated reason', async () => {
    const cases: Array<[string[], RegExp]> = [
      [['deploy'], /Unknown command "deploy"/],
      [['validate'], /name the flow file to check/],
      [['validate', 'a.json', 'b.json'], /check one file at a time/],
      [['validate', 'a.json', '--bogus'], /Wrong arguments: .*bogus/],
      [['validate', 'a.json', '--lang', 'fr'], /Unsupported language "fr"/],
      [['--lang'], /Wrong arguments/],
    ];
    for (const [argv, expected] of cases) {
      const io = memoryIo();
      expect(await runCli(argv, io), argv.join(' ')).toBe(2);
      expect(io.err(), argv.join(' ')).toMatch(expected);
    }
    const zh = memoryIo();
    expect(await runCli(['deploy', '--lang', 'zh-CN'], zh)).toBe(2);
    expect(zh.err()).toContain('未知的命令「deploy」');
  });

  it('takes the language from --lang, then FLOWDESK_LANG, then LANG', async () => {
    const file = `${FIXTURES}/dangling-edge-flow.json`;
    const byEnv = memoryIo({ FLOWDESK_LANG: 'zh-CN', LANG: 'en_US.UTF-8' });
    await runCli(['validate', file], byEnv);
    expect(byEnv.out()).toContain('个错误');
    const byLang = memoryIo({ LANG: 'zh_CN.UTF-8' });
    await runCli(['validate', file], byLang);
    expect(byLang.out()).toContain('个错误');
    const flagWins = memoryIo({ FLOWDESK_LANG: 'zh-CN' });
    await runCli(['validate', file, '--lang=en'], flagWins);
    expect(flagWins.out()).toContain('1 error, 0 warnings');
  });
});

describe('runCli validate', () => {
  it('prints { ok, problems } with both languages under --json', async () => {
    const good = memoryIo();
    expect(await runCli(['validate', `${FIXTURES}/good-flow.json`, '--json'], good)).toBe(0);
    expect(JSON.parse(good.out())).toEqual({ ok: true, problems: [] });
    const bad = memoryIo();
    expect(await runCli(['validate', `${FIXTURES}/dangling-edge-flow.json`, '--json'], bad)).toBe(1);
    const output = JSON.parse(bad.out());
    expect(output.ok).toBe(false);
    expect(output.problems).toContainEqual(
      expect.objectContaining({ code: 'edge.dangling', severity: 'error', edgeId: 'edge-9' }),
    );
    expect(Object.keys(output.problems[0].message)).toEqual(['zh-CN', 'en']);
  });

  it('reports malformed JSON with its position, also under --json', async () => {
    const path = await scratchFile('broken.json', '{\n  "nodes": [\n    {"id": "a",}\n  ]\n}\n');
    const io = memoryIo();
    expect(await runCli(['validate', path, '--json'], io)).toBe(2);
    const [problem] = JSON.parse(io.out()).problems;
    expect(problem).toMatchObject({ code: 'json.malformed', position: { line: 3, column: 16 } });
    expect(problem.location).toBe(`${path}:3:16`);
  });

  it('reads a file saved with a byte-order mark, and refuses a folder and an empty file', async () => {
    const good = await import('../../test/fixtures/good-flow.json', { with: { type: 'json' } });
    const withBom = await scratchFile('bom.json', `\uFEFF${JSON.stringify(good.default)}`);
    expect(await runCli(['validate', withBom], memoryIo())).toBe(0);
    const folder = memoryIo();
    expect(await runCli(['validate', scratch], folder)).toBe(2);
    expect(folder.err()).toContain('This is a folder');
    const empty = memoryIo();
    expect(await runCli(['validate', await scratchFile('empty.json', '')], empty)).toBe(2);
    expect(empty.err()).toContain('the file is empty');
  });

  it('never lets a file write control characters to the terminal', async () => {
    const evil = {
      nodes: [{ id: 'n1', type: 'x\u001b[2J\nERROR fake', config: {}, position: { x: 0, y: 0 } }],
      edges: [],
    };
    const io = memoryIo();
    expect(await runCli(['validate', await scratchFile('evil.json', JSON.stringify(evil))], io)).toBe(1);
    expect(io.out()).not.toContain(String.fromCharCode(0x1b));
    expect(io.out()).toContain('x\\u001b[2J\\u000aERROR fake');
    expect(io.out()).not.toMatch(/^ERROR fake/m);
  });
});

describe('formatProblemLine', () => {
  it('writes tag, node, edge and field, leaving out what is absent', () => {
    const message = { 'zh-CN': '出口尚未连接', en: 'Output is not connected' };
    expect(
      formatProblemLine(
        { code: 'c', severity: 'warning', nodeId: 'node-12', field: 'config.threshold', message },
        'en',
      ),
    ).toBe('WARNING node-12 config.threshold: Output is not connected');
    expect(formatProblemLine({ code: 'c', severity: 'error', edgeId: 'edge-3', message }, 'zh-CN')).toBe(
      'ERROR edge-3: 出口尚未连接',
    );
    expect(formatProblemLine({ code: 'c', severity: 'error', message }, 'en')).toBe(
      'ERROR: Output is not connected',
    );
  });
});
