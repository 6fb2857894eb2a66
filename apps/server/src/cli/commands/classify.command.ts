import { readFile, stat } from 'node:fs/promises';
import { resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import {
  type CategoryEvaluationReport,
  DEFAULT_FOLDS,
  DEFAULT_SEED,
  DEFAULT_THRESHOLD,
  type EvaluationReport,
  evaluate,
  evaluateCategories,
  readLabelledCsv,
} from '@flowdesk/desk';
import { type Locale, type LocalizedText, text } from '@flowdesk/model';
import { CLI_TEXT, VALIDATE_TEXT } from '../../messages/cli.messages.ts';
import { printable } from '../problem-format.ts';
import { CLASSIFY_STEP_TEXT, readClassifyStep, stepReportLines } from './classify-step.ts';
import { type CliCommand, type CommandContext, EXIT, type ExitCode } from './command.types.ts';

/** A labelled set of tens of thousands of short texts is a few MB; far larger is a mistake. */
const MAX_FILE_MB = 50;

const CLASSIFY_TEXT = {
  summary: text(
    '用带标签的 CSV（text,label）对分类器做分层 k 折交叉验证',
    'cross-validate the classifier on a labelled CSV (text,label), stratified k-fold',
  ),
  optionFolds: text(
    `折数，2–20（默认 ${DEFAULT_FOLDS}）`,
    `number of folds, 2–20 (default ${DEFAULT_FOLDS})`,
  ),
  optionThreshold: text(
    `置信度阈值，0–1（默认 ${DEFAULT_THRESHOLD}）`,
    `confidence threshold, 0–1 (default ${DEFAULT_THRESHOLD})`,
  ),
  optionSeed: text(
    `随机种子，相同种子结果相同（默认 ${DEFAULT_SEED}）`,
    `random seed; the same seed gives the same figures (default ${DEFAULT_SEED})`,
  ),
  optionJson: text('以 JSON 输出全部指标', 'print every figure as JSON'),
  optionFlow: text(
    '不做交叉验证：用该流程文件中智能分类步骤的示例句子训练，再判断 CSV 中的每条样本（阈值默认取该步骤的设置）',
    "no cross-validation: train on the example phrases of this flow file's Classify step, then classify every text of the CSV (threshold defaults to the step's)",
  ),
  optionNode: text(
    '流程中有多个智能分类步骤时，指定步骤编号',
    'the Classify step’s id, when the flow has several',
  ),
  exit0: text('评估完成', 'the evaluation ran'),
  exit2: text(
    '文件无法读取、不是 text,label 格式的 CSV，或参数有误',
    'the file cannot be read or is not a text,label CSV, or the arguments are wrong',
  ),
  missingAction: text('请指定子命令：classify eval <文件.csv>', 'name the action: classify eval <file.csv>'),
  unknownAction: (name: string) =>
    text(`未知的子命令「${name}」，可用：eval`, `Unknown action "${name}"; available: eval`),
  missingFile: text('请指定要评估的 CSV 文件', 'name the CSV file to evaluate'),
  tooManyFiles: text('一次只能评估一个文件', 'evaluate one file at a time'),
  badFolds: (value: string) =>
    text(
      `--folds 必须是 2 到 20 的整数，而不是「${value}」`,
      `--folds must be a whole number from 2 to 20, not "${value}"`,
    ),
  badThreshold: (value: string) =>
    text(
      `--threshold 必须是 0 到 1 之间的数，而不是「${value}」`,
      `--threshold must be a number from 0 to 1, not "${value}"`,
    ),
  badSeed: (value: string) =>
    text(
      `--seed 必须是非负整数，而不是「${value}」`,
      `--seed must be a non-negative whole number, not "${value}"`,
    ),
  heading: (file: string, r: EvaluationReport) =>
    text(
      `${file}：${r.examples} 条样本，${r.labels} 个标签，${r.folds} 折分层交叉验证（种子 ${r.seed}）`,
      `${file}: ${r.examples} examples, ${r.labels} labels, ${r.folds}-fold stratified cross-validation (seed ${r.seed})`,
    ),
  accuracy: text('准确率', 'Accuracy'),
  macroF1: text('宏平均 F1', 'Macro-F1'),
  ece: text('校准误差（ECE）', 'Calibration error (ECE)'),
  coverage: (threshold: number) => text(`阈值 ${threshold} 时覆盖率`, `Coverage at threshold ${threshold}`),
  accuracyAt: (threshold: number) => text(`阈值 ${threshold} 时准确率`, `Accuracy at threshold ${threshold}`),
  none: text('无（没有样本达到阈值）', 'none (no text reaches the threshold)'),
  trainTime: text('每折训练耗时', 'Training time per fold'),
  predictTime: text('每条预测耗时', 'Prediction time per text'),
  perClass: text('各标签 F1（样本数）', 'F1 per label (support)'),
} satisfies Record<string, LocalizedText | ((...args: never[]) => LocalizedText)>;

/** `flowdesk classify eval <file.csv>`: how well the classifier would do on a workspace's labelled data. */
export const classifyCommand: CliCommand = {
  name: 'classify',
  usage:
    'classify eval <file.csv> [--folds 5] [--threshold 0.7] [--seed 42] [--flow <flow.json> [--node <id>]] [--json]',
  summary: CLASSIFY_TEXT.summary,
  options: {
    folds: { type: 'string' },
    threshold: { type: 'string' },
    seed: { type: 'string' },
    json: { type: 'boolean' },
    flow: { type: 'string' },
    node: { type: 'string' },
  },
  optionHelp: {
    folds: CLASSIFY_TEXT.optionFolds,
    threshold: CLASSIFY_TEXT.optionThreshold,
    seed: CLASSIFY_TEXT.optionSeed,
    json: CLASSIFY_TEXT.optionJson,
    flow: CLASSIFY_TEXT.optionFlow,
    node: CLASSIFY_TEXT.optionNode,
  },
  exitCodes: [
    [EXIT.ok, CLASSIFY_TEXT.exit0],
    [EXIT.unusable, CLASSIFY_TEXT.exit2],
  ],
  async run({ positionals, values }, context) {
    const settings = readSettings(positionals, values);
    if (!settings.ok) return usageError(context, settings.reason);
    if (typeof values.flow === 'string') return runOnStep(settings, values, context);
    if (values.node !== undefined) return usageError(context, CLASSIFY_STEP_TEXT.nodeWithoutFlow);
    const read = await readCsvFile(settings.path, context.io.cwd);
    if (!read.ok) return fail(read.problem, values.json === true, context);
    const { folds, seed } = settings;
    const threshold = settings.threshold ?? DEFAULT_THRESHOLD;
    const evaluation = evaluate(read.examples, { folds, threshold, seed, clock: () => performance.now() });
    if (!evaluation.ok) return fail(evaluation.problem, values.json === true, context);
    if (values.json === true) {
      context.io.stdout(`${JSON.stringify({ ok: true, report: evaluation.report }, null, 2)}\n`);
    } else {
      context.io.stdout(renderReport(printable(settings.path), evaluation.report, context.locale));
    }
    return EXIT.ok;
  },
};

type Settings =
  | { ok: true; path: string; folds: number; threshold: number | undefined; seed: number }
  | { ok: false; reason: LocalizedText };

function readSettings(positionals: readonly string[], values: Record<string, unknown>): Settings {
  const [action, path, ...extra] = positionals;
  if (action === undefined) return { ok: false, reason: CLASSIFY_TEXT.missingAction };
  if (action !== 'eval') return { ok: false, reason: CLASSIFY_TEXT.unknownAction(printable(action)) };
  if (path === undefined) return { ok: false, reason: CLASSIFY_TEXT.missingFile };
  if (extra.length > 0) return { ok: false, reason: CLASSIFY_TEXT.tooManyFiles };
  const folds = numberOption(values.folds, DEFAULT_FOLDS);
  if (!Number.isInteger(folds) || folds < 2 || folds > 20) {
    return { ok: false, reason: CLASSIFY_TEXT.badFolds(printable(String(values.folds))) };
  }
  // Undefined: the flow's Classify step, or else the runtime's default, decides.
  const threshold = values.threshold === undefined ? undefined : numberOption(values.threshold, 0);
  if (threshold !== undefined && !(threshold >= 0 && threshold <= 1)) {
    return { ok: false, reason: CLASSIFY_TEXT.badThreshold(printable(String(values.threshold))) };
  }
  const seed = numberOption(values.seed, DEFAULT_SEED);
  if (!Number.isSafeInteger(seed) || seed < 0) {
    return { ok: false, reason: CLASSIFY_TEXT.badSeed(printable(String(values.seed))) };
  }
  return { ok: true, path, folds, threshold, seed };
}

/** `Number('')` is 0, which would pass for a seed; an empty value is as wrong as a word. */
function numberOption(value: unknown, fallback: number): number {
  if (value === undefined) return fallback;
  return typeof value === 'string' && value.trim() !== '' ? Number(value) : Number.NaN;
}

function usageError(context: CommandContext, reason: LocalizedText): ExitCode {
  context.io.stderr(`${CLI_TEXT.badArguments(reason[context.locale])[context.locale]}\n`);
  return EXIT.unusable;
}

/** Why the file could not be evaluated: a code scripts can match and a translated text. */
interface Fault {
  readonly code: string;
  readonly message: LocalizedText;
  readonly line?: number;
}

function fail(problem: Fault, json: boolean, { io, locale }: CommandContext): ExitCode {
  if (json) io.stdout(`${JSON.stringify({ ok: false, problem }, null, 2)}\n`);
  else io.stderr(`ERROR: ${printable(problem.message[locale])}\n`);
  return EXIT.unusable;
}

type CsvFileRead =
  | Extract<ReturnType<typeof readLabelledCsv>, { ok: true }>
  | { readonly ok: false; readonly problem: Fault };

async function readCsvFile(path: string, cwd: string): Promise<CsvFileRead> {
  const unusable = (message: LocalizedText): CsvFileRead => ({
    ok: false,
    problem: { code: 'file.unreadable', message },
  });
  try {
    const absolute = resolve(cwd, path);
    const info = await stat(absolute);
    if (info.isDirectory()) return unusable(VALIDATE_TEXT.isDirectory(printable(path)));
    if (info.size > MAX_FILE_MB * 1024 * 1024)
      return unusable(VALIDATE_TEXT.tooLarge(printable(path), MAX_FILE_MB));
    return readLabelledCsv(new TextDecoder('utf-8').decode(await readFile(absolute)));
  } catch (error) {
    const code = (error as { code?: unknown } | null)?.code;
    const file = printable(path);
    if (code === 'ENOENT' || code === 'ENOTDIR') return unusable(VALIDATE_TEXT.fileNotFound(file));
    if (code === 'EACCES' || code === 'EPERM') return unusable(VALIDATE_TEXT.noPermission(file));
    return unusable(VALIDATE_TEXT.unreadable(file, error instanceof Error ? error.message : String(error)));
  }
}

// Chinese characters take two columns in a terminal; padding by string length would misalign them.
const WIDE = /[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]/u;
const columns = (value: string) =>
  Array.from(value).reduce((sum, char) => sum + (WIDE.test(char) ? 2 : 1), 0);
const padColumns = (value: string, width: number) => value + ' '.repeat(Math.max(0, width - columns(value)));

const percent = (value: number) => `${(value * 100).toFixed(1)} %`;

function renderReport(file: string, report: EvaluationReport, locale: Locale): string {
  return renderFigures(CLASSIFY_TEXT.heading(file, report), report, locale);
}

/** The figures both kinds of evaluation share, then their own (timings, keyword share), then F1 per label. */
function renderFigures(
  heading: LocalizedText,
  report: EvaluationReport | CategoryEvaluationReport,
  locale: Locale,
): string {
  const { atThreshold } = report;
  const rows: Array<[string, string]> = [
    [CLASSIFY_TEXT.accuracy[locale], report.accuracy.toFixed(4)],
    [CLASSIFY_TEXT.macroF1[locale], report.macroF1.toFixed(4)],
    [CLASSIFY_TEXT.ece[locale], report.ece.toFixed(4)],
    [CLASSIFY_TEXT.coverage(atThreshold.threshold)[locale], percent(atThreshold.coverage)],
    [
      CLASSIFY_TEXT.accuracyAt(atThreshold.threshold)[locale],
      atThreshold.accuracy === null ? CLASSIFY_TEXT.none[locale] : percent(atThreshold.accuracy),
    ],
  ];
  if ('timing' in report && report.timing) {
    rows.push([CLASSIFY_TEXT.trainTime[locale], `${(report.timing.meanTrainMs / 1000).toFixed(2)} s`]);
    rows.push([
      CLASSIFY_TEXT.predictTime[locale],
      `${(report.timing.predictMicrosPerText / 1000).toFixed(3)} ms`,
    ]);
  }
  if ('keywordShare' in report) rows.push(...stepReportLines(report, locale));
  const width = Math.max(...rows.map(([label]) => columns(label))) + 2;
  const perClass = report.perClass.map(
    (figure) => `  ${padColumns(printable(figure.label), 28)} ${figure.f1.toFixed(3)} (${figure.support})`,
  );
  return [
    heading[locale],
    ...rows.map(([label, value]) => `  ${padColumns(label, width)}${value}`),
    `${CLASSIFY_TEXT.perClass[locale]}:`,
    ...perClass,
    '',
  ].join('\n');
}

/** `--flow`: the flow's Classify step, trained on its own example phrases, answers every text of the set. */
async function runOnStep(
  settings: Extract<Settings, { ok: true }>,
  values: Record<string, unknown>,
  context: CommandContext,
): Promise<ExitCode> {
  const json = values.json === true;
  const flowPath = String(values.flow);
  const step = await readClassifyStep(
    flowPath,
    typeof values.node === 'string' ? values.node : undefined,
    context.io.cwd,
  );
  if (!step.ok) return fail(step.problem, json, context);
  const read = await readCsvFile(settings.path, context.io.cwd);
  if (!read.ok) return fail(read.problem, json, context);
  const { categories, threshold, nodeId } = step.step;
  const evaluation = evaluateCategories(categories, read.examples, {
    threshold: settings.threshold ?? threshold,
    train: { seed: settings.seed },
  });
  if (!evaluation.ok) return fail(evaluation.problem, json, context);
  if (json) {
    context.io.stdout(`${JSON.stringify({ ok: true, report: evaluation.report }, null, 2)}\n`);
    return EXIT.ok;
  }
  const heading = CLASSIFY_STEP_TEXT.heading(
    printable(settings.path),
    printable(flowPath),
    printable(nodeId),
    evaluation.report,
  );
  context.io.stdout(renderFigures(heading, evaluation.report, context.locale));
  return EXIT.ok;
}
