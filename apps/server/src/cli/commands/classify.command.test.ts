import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { memoryIo } from '../cli-test-kit.ts';
import { runCli } from '../main.ts';

const ZH_SAMPLE = 'packages/desk/src/classification/fixtures/zh-service-sample.csv';

let scratch = '';
beforeAll(async () => {
  scratch = await mkdtemp(join(tmpdir(), 'flowdesk-classify-'));
});
afterAll(async () => {
  await rm(scratch, { recursive: true, force: true });
});

async function scratchFile(name: string, content: string): Promise<string> {
  const path = join(scratch, name);
  await writeFile(path, content);
  return path;
}

const SMALL_CSV = [
  '\uFEFFtext,label',
  ...['where is my parcel', 'track my package', 'parcel not delivered', 'delivery is late'].map(
    (t) => `${t},delivery`,
  ),
  ...['refund my money', '"refund, please"', 'I want a refund', 'money back now'].map((t) => `${t},refund`),
  ...['reset password', 'forgot my password', 'cannot log in', 'password not working'].map(
    (t) => `${t},account`,
  ),
].join('\r\n');

describe('flowdesk classify eval', () => {
  it('prints the figures with translated labels and exits 0', async () => {
    const io = memoryIo();
    expect(await runCli(['classify', 'eval', ZH_SAMPLE, '--folds', '3', '--seed', '7'], io)).toBe(0);
    expect(io.out()).toContain('150 examples, 5 labels, 3-fold stratified cross-validation (seed 7)');
    for (const label of ['Accuracy', 'Macro-F1', 'Calibration error (ECE)', 'Coverage at threshold 0.7']) {
      expect(io.out()).toContain(label);
    }
    expect(io.out()).toMatch(/invoice\s+\d\.\d{3} \(30\)/);
    const zh = memoryIo();
    const file = await scratchFile('small.csv', SMALL_CSV);
    expect(
      await runCli(['classify', 'eval', file, '--folds', '2', '--threshold', '0.5', '--lang', 'zh-CN'], zh),
    ).toBe(0);
    expect(zh.out()).toContain('准确率');
    expect(zh.out()).toContain('阈值 0.5 时覆盖率');
  });

  it('prints the whole report as JSON under --json', async () => {
    const io = memoryIo();
    const file = await scratchFile('small.csv', SMALL_CSV);
    expect(await runCli(['classify', 'eval', file, '--folds', '4', '--json'], io)).toBe(0);
    const output = JSON.parse(io.out());
    expect(output.ok).toBe(true);
    expect(output.report).toMatchObject({ examples: 12, labels: 3, folds: 4, seed: 42 });
    expect(output.report.atThreshold.threshold).toBe(0.7);
    expect(typeof output.report.timing.meanTrainMs).toBe('number');
  });

  it('exits 2 with a translated reason for a wrong header, a broken CSV or a missing file', async () => {
    const header = await scratchFile('header.csv', 'utterance,intent\nhi,x\n');
    const en = memoryIo();
    expect(await runCli(['classify', 'eval', header], en)).toBe(2);
    expect(en.err()).toContain('The first line must be the header text,label; found "utterance,intent"');
    const zh = memoryIo();
    expect(await runCli(['classify', 'eval', header, '--lang', 'zh-CN'], zh)).toBe(2);
    expect(zh.err()).toContain('第一行必须是表头 text,label');
    const json = memoryIo();
    expect(await runCli(['classify', 'eval', header, '--json'], json)).toBe(2);
    expect(JSON.parse(json.out())).toMatchObject({ ok: false, problem: { code: 'csv.bad_header' } });

    const broken = await scratchFile('broken.csv', 'text,label\n"never closed,x\n');
    const quote = memoryIo();
    expect(await runCli(['classify', 'eval', broken], quote)).toBe(2);
    expect(quote.err()).toContain('line 2 is never closed');
    const missing = memoryIo();
    expect(await runCli(['classify', 'eval', join(scratch, 'nope.csv')], missing)).toBe(2);
    expect(missing.err()).toContain('File not found');
    const oneLabel = await scratchFile('one.csv', 'text,label\na,x\nb,x\nc,x\nd,x\ne,x\n');
    const single = memoryIo();
    expect(await runCli(['classify', 'eval', oneLabel], single)).toBe(2);
    expect(single.err()).toContain('at least two different labels');
  });

  it('exits 2 on wrong usage', async () => {
    const cases: Array<[string[], RegExp]> = [
      [['classify'], /name the action: classify eval/],
      [['classify', 'train', 'x.csv'], /Unknown action "train"/],
      [['classify', 'eval'], /name the CSV file/],
      [['classify', 'eval', 'a.csv', 'b.csv'], /one file at a time/],
      [['classify', 'eval', 'a.csv', '--folds', '1'], /--folds must be a whole number from 2 to 20, not "1"/],
      [['classify', 'eval', 'a.csv', '--threshold', '1.5'], /--threshold must be a number from 0 to 1/],
      [['classify', 'eval', 'a.csv', '--seed', ''], /--seed must be a non-negative whole number/],
      [['classify', 'eval', 'a.csv', '--bogus'], /Wrong arguments: .*bogus/],
    ];
    for (const [argv, expected] of cases) {
      const io = memoryIo();
      expect(await runCli(argv, io), argv.join(' ')).toBe(2);
      expect(io.err(), argv.join(' ')).toMatch(expected);
    }
  });

  it('is listed in the help with its options and exit codes', async () => {
    const main = memoryIo();
    await runCli(['--help'], main);
    expect(main.out()).toContain('classify eval <file.csv>');
    const own = memoryIo();
    expect(await runCli(['classify', '--help', '--lang', 'zh-CN'], own)).toBe(0);
    expect(own.out()).toContain('--folds <value>');
    expect(own.out()).toContain('评估完成');
  });
});

function classifyNode(id: string, threshold?: number) {
  return {
    id,
    type: 'logic.classify',
    position: { x: 0, y: 0 },
    config: {
      source: 'request.message',
      ...(threshold === undefined ? {} : { threshold }),
      categories: [
        {
          id: 'delivery',
          label: 'Delivery',
          keywords: ['tracking'],
          examples: ['where is my parcel', 'my package has not arrived', 'parcel still in transit'],
        },
        {
          id: 'refund',
          label: 'Refund',
          keywords: ['refund'],
          examples: ['I want my money back', 'please return my money', 'money back for the broken item'],
        },
      ],
    },
  };
}

function flowFile(nodes: unknown[]): string {
  return JSON.stringify({ format: 'flowdesk.flow/v1', name: 'sort', nodes, edges: [] });
}

const HELD_OUT = [
  'text,label',
  'my tracking number does not work,delivery',
  'a refund for my order please,refund',
  'my parcel has not arrived yet,delivery',
  'I want the money back for it,refund',
].join('\n');

describe('flowdesk classify eval --flow', () => {
  it("answers a held-out set with the flow's Classify step at the step's threshold", async () => {
    const flow = await scratchFile('one-step.flow.json', flowFile([classifyNode('sort', 0.4)]));
    const set = await scratchFile('held-out.csv', HELD_OUT);
    const io = memoryIo();
    expect(await runCli(['classify', 'eval', set, '--flow', flow], io)).toBe(0);
    expect(io.out()).toContain('4 examples, 2 labels, answered by the Classify step "sort"');
    expect(io.out()).toContain('trained on its 6 example phrases');
    expect(io.out()).toContain('Coverage at threshold 0.4');
    expect(io.out()).toMatch(/Decided by a keyword\s+50\.0 %/);
    const zh = memoryIo();
    expect(await runCli(['classify', 'eval', set, '--flow', flow, '--lang', 'zh-CN'], zh)).toBe(0);
    expect(zh.out()).toContain('由关键词判断的比例');
    const json = memoryIo();
    expect(
      await runCli(['classify', 'eval', set, '--flow', flow, '--threshold', '0.9', '--json'], json),
    ).toBe(0);
    expect(JSON.parse(json.out()).report).toMatchObject({
      examples: 4,
      trainingExamples: 6,
      keywordShare: 0.5,
      atThreshold: { threshold: 0.9 },
    });
  });

  it('needs --node when the flow has several Classify steps, and says which exist', async () => {
    const flow = await scratchFile(
      'two-steps.flow.json',
      flowFile([classifyNode('first'), classifyNode('second')]),
    );
    const set = await scratchFile('held-out.csv', HELD_OUT);
    const several = memoryIo();
    expect(await runCli(['classify', 'eval', set, '--flow', flow], several)).toBe(2);
    expect(several.err()).toContain('several Classify steps (first, second); pick one with --node');
    const unknown = memoryIo();
    expect(
      await runCli(['classify', 'eval', set, '--flow', flow, '--node', 'third', '--lang', 'zh-CN'], unknown),
    ).toBe(2);
    expect(unknown.err()).toContain('没有编号为「third」的智能分类步骤；可用：first, second');
    const chosen = memoryIo();
    expect(
      await runCli(['classify', 'eval', set, '--flow', flow, '--node', 'second', '--json'], chosen),
    ).toBe(0);
    expect(JSON.parse(chosen.out()).report.atThreshold.threshold).toBe(0.7);
  });

  it('exits 2 for a flow without a Classify step, labels the step lacks, or --node alone', async () => {
    const set = await scratchFile('held-out.csv', HELD_OUT);
    const empty = await scratchFile('no-step.flow.json', flowFile([]));
    const none = memoryIo();
    expect(await runCli(['classify', 'eval', set, '--flow', empty], none)).toBe(2);
    expect(none.err()).toContain('has no Classify step');
    const flow = await scratchFile('one-step.flow.json', flowFile([classifyNode('sort')]));
    const stranger = await scratchFile('stranger.csv', 'text,label\nreset my password,account\n');
    const labels = memoryIo();
    expect(await runCli(['classify', 'eval', stranger, '--flow', flow, '--json'], labels)).toBe(2);
    expect(JSON.parse(labels.out())).toMatchObject({ ok: false, problem: { code: 'eval.unknown_labels' } });
    const missing = memoryIo();
    expect(await runCli(['classify', 'eval', set, '--flow', join(scratch, 'nope.json')], missing)).toBe(2);
    expect(missing.err()).toContain('File not found');
    const alone = memoryIo();
    expect(await runCli(['classify', 'eval', set, '--node', 'sort'], alone)).toBe(2);
    expect(alone.err()).toContain('--node can only be used with --flow');
  });
});
