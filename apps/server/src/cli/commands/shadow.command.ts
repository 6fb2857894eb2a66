import { hasErrors, type LocalizedText, text } from '@flowdesk/model';
import type { Store } from '@flowdesk/store';
import { silentLogger } from '../../app-ports.ts';
import { createIdSource } from '../../boot/ids.ts';
import { openConfiguredStore } from '../../boot/open-store.ts';
import { ConfigError, loadServerConfig } from '../../config/server-config.ts';
import { lintInWorkspace } from '../../flows/flow-lint.ts';
import { AppError } from '../../http/app-error.ts';
import { CLI_TEXT } from '../../messages/cli.messages.ts';
import type { ImpactReport, OutcomeTotals } from '../../runtime/shadow-run/shadow-report.ts';
import type { ShadowSelection } from '../../runtime/shadow-run/shadow-run.ts';
import { ShadowRunJobs } from '../../runtime/shadow-run/shadow-run-jobs.ts';
import type { StoredShadowReport } from '../../runtime/shadow-run/shadow-stored-report.ts';
import { type CliCommand, type CommandContext, EXIT, type ExitCode } from './command.types.ts';

const SHADOW_TEXT = {
  usage: text(
    '用法：flowdesk shadow <flowId> [--last N | --from 时间 --to 时间] [--json]',
    'Usage: flowdesk shadow <flowId> [--last N | --from TIME --to TIME] [--json]',
  ),
  notFound: (id: string) => text(`找不到流程：${id}`, `Flow not found: ${id}`),
  notPublished: text('此流程还没有发布过版本', 'This flow has never been published'),
  badNumber: text('--last 必须是正整数', '--last must be a positive whole number'),
  badRange: text(
    '--from 和 --to 要一起给出，且为 ISO-8601 时间',
    '--from and --to go together and are ISO-8601 times',
  ),
  lintErrors: (count: string) =>
    text(`草稿有 ${count} 个错误，无法影子运行`, `The draft has ${count} error(s); it cannot be shadow-run`),
  heading: (replayed: string, from: string, to: string) =>
    text(
      `已回放 ${replayed} 个历史请求（${from} – ${to}），线上版本与草稿对比：`,
      `Replayed ${replayed} past requests (${from} – ${to}), live version vs draft:`,
    ),
  changed: (count: string, percent: string) =>
    text(`${count} 个请求（${percent}）的结果会改变`, `${count} requests (${percent}) would change`),
  noReport: text('影子运行没有生成报告', 'The shadow run left no report'),
  skipped: (count: string) => text(`${count} 个执行未回放：`, `${count} executions were not replayed:`),
} satisfies Record<string, LocalizedText | ((...args: string[]) => LocalizedText)>;

/** Why executions were not replayed, by the report's `skippedBy` keys. */
const SKIP_TEXT: Readonly<Record<string, LocalizedText>> = {
  'trigger_not_replayed:trigger.survey_answered': text(
    '由问卷回答启动（只回放请求和事件）',
    'started by a survey answer (only requests and events are replayed)',
  ),
  'trigger_not_replayed:trigger.anomaly_detected': text(
    '由异常检测启动（只回放请求和事件）',
    'started by a detected anomaly (only requests and events are replayed)',
  ),
  'trigger_not_replayed:trigger.schedule': text(
    '按计划启动（只回放请求和事件）',
    'started on a schedule (only requests and events are replayed)',
  ),
  state_unreadable: text('存储的数据已无法读取', 'their stored data no longer parses'),
  no_trigger_data: text('没有保存可回放的请求或事件', 'they kept no request or event to replay'),
  execution_missing: text('运行期间已被删除', 'deleted while the run went on'),
};

/** Who the store names as having started a run from the command line. */
const CLI_ACTOR = 'cli';

const ROWS: readonly [keyof OutcomeTotals, LocalizedText][] = [
  ['started', text('流程接收', 'taken by the flow')],
  ['tickets', text('创建工单', 'tickets created')],
  ['handOffs', text('转人工', 'handed to people')],
  ['autoReplies', text('自动答复', 'answered automatically')],
  ['failedRequests', text('有步骤失败', 'with a failing step')],
  ['notSimulatedCalls', text('未模拟的外部调用', 'outside calls not simulated')],
];

const percent = (share: number) => `${(share * 100).toFixed(1)} %`;

function selectionOf(values: CommandContextValues): ShadowSelection | LocalizedText {
  const last = values.last === undefined ? undefined : Number(values.last);
  if (last !== undefined && (!Number.isInteger(last) || last < 1)) return SHADOW_TEXT.badNumber;
  if (values.from === undefined && values.to === undefined) return { last: last ?? 500 };
  const from = Date.parse(String(values.from));
  const to = Date.parse(String(values.to));
  if (Number.isNaN(from) || Number.isNaN(to)) return SHADOW_TEXT.badRange;
  return {
    from: new Date(from).toISOString(),
    to: new Date(to).toISOString(),
    ...(last !== undefined ? { last } : {}),
  };
}

type CommandContextValues = Readonly<Record<string, unknown>>;

function printSummary(
  report: ImpactReport,
  coverage: { from: string | null; to: string | null },
  context: CommandContext,
) {
  const { io, locale } = context;
  io.stdout(
    `${SHADOW_TEXT.heading(String(report.replayed), coverage.from ?? '-', coverage.to ?? '-')[locale]}\n`,
  );
  for (const [key, label] of ROWS) {
    io.stdout(`  ${label[locale]}: ${report.live[key]} → ${report.draft[key]}\n`);
  }
  const share = report.replayed === 0 ? 0 : report.changedCount / report.replayed;
  io.stdout(`${SHADOW_TEXT.changed(String(report.changedCount), percent(share))[locale]}\n`);
  for (const group of report.groups.slice(0, 20)) {
    io.stdout(`  ${group.count} (${percent(group.share)})  ${group.kind}: ${group.from} → ${group.to}\n`);
  }
  if (report.skipped.length > 0) io.stdout(`${SHADOW_TEXT.skipped(String(report.skipped.length))[locale]}\n`);
  for (const [key, count] of Object.entries(report.skippedBy)) {
    io.stdout(`  ${count}  ${(SKIP_TEXT[key] ?? text(key, key))[locale]}\n`);
  }
}

async function shadow(
  store: Store,
  flowId: string,
  selection: ShadowSelection,
  json: boolean,
  context: CommandContext,
): Promise<ExitCode> {
  const { io, locale } = context;
  const flow = await store.flows.get(flowId);
  if (!flow) {
    io.stderr(`${SHADOW_TEXT.notFound(flowId)[locale]}\n`);
    return EXIT.problems;
  }
  const live = await store.versions.latest(flow.id);
  if (!live) {
    io.stderr(`${SHADOW_TEXT.notPublished[locale]}\n`);
    return EXIT.problems;
  }
  const problems = await lintInWorkspace(store, flow.draft);
  if (hasErrors(problems)) {
    const count = problems.filter((problem) => problem.severity === 'error').length;
    io.stderr(`${SHADOW_TEXT.lintErrors(String(count))[locale]}\n`);
    return EXIT.problems;
  }
  // The server's path: the run is kept in the store (visible to the server, one per workspace) and its report stored.
  const jobs = new ShadowRunJobs({
    store,
    clock: { now: () => new Date() },
    ids: createIdSource(),
    log: silentLogger,
  });
  const interrupt = () => void jobs.close();
  process.once('SIGINT', interrupt);
  process.once('SIGTERM', interrupt);
  try {
    const started = await jobs.start({
      flowId: flow.id,
      live: { version: live.version, graph: live.graph },
      draft: flow.draft,
      draftRevision: flow.draftRevision,
      selection,
      by: CLI_ACTOR,
    });
    const ended = await jobs.settled(started.runId);
    const stored = ended?.reportId ? await store.shadowReports.get(ended.reportId) : null;
    if (!stored) {
      const messages = ended?.error?.messages ?? SHADOW_TEXT.noReport;
      io.stderr(`${messages[locale]}\n`);
      return EXIT.problems;
    }
    const { coverage, report } = stored.report as unknown as StoredShadowReport;
    if (json) io.stdout(`${JSON.stringify({ runId: stored.id, coverage, report }, null, 2)}\n`);
    else printSummary(report, coverage, context);
    return EXIT.ok;
  } catch (error) {
    if (!(error instanceof AppError)) throw error;
    io.stderr(`${error.messages[locale]}\n`);
    return error.kind === 'bad_request' ? EXIT.unusable : EXIT.problems;
  } finally {
    process.off('SIGINT', interrupt);
    process.off('SIGTERM', interrupt);
    await jobs.close();
  }
}

/** `flowdesk shadow <flow>`: replays the draft and the live version over past requests and prints the impact. */
export const shadowCommand: CliCommand = {
  name: 'shadow',
  usage: 'shadow <flowId> [--last N | --from TIME --to TIME] [--json]',
  summary: text(
    '用历史请求影子运行草稿，打印与线上版本的差异（不发送；运行和报告像编辑器里启动的一样保存，每个工作区同时只能有一个）',
    'Shadow-run the draft over past requests and print how it differs from the live version (nothing sent; the run and its report are kept as a run started in the editor, one run per workspace at a time)',
  ),
  options: {
    last: { type: 'string' },
    from: { type: 'string' },
    to: { type: 'string' },
    json: { type: 'boolean' },
  },
  optionHelp: {
    last: text(
      '回放最近 N 个请求（默认 500，最多 5000）',
      'Replay the last N requests (default 500, at most 5000)',
    ),
    from: text('日期范围的开始（含）', 'Start of a date range (included)'),
    to: text('日期范围的结束（不含）', 'End of the date range (not included)'),
    json: text('以 JSON 打印整份报告', 'Print the whole report as JSON'),
  },
  exitCodes: [
    [EXIT.ok, text('完成', 'Done')],
    [
      EXIT.problems,
      text(
        '流程不存在、未发布、草稿有错误、没有历史请求，或工作区已有影子运行在进行中',
        'The flow does not exist, is not published, its draft has errors, it has no past requests, or a shadow run is already running in the workspace',
      ),
    ],
    [EXIT.unusable, text('参数或配置有误', 'Wrong arguments or configuration')],
  ],
  async run({ positionals, values }, context) {
    const [flowId, ...extra] = positionals;
    const selection = selectionOf(values);
    if (!flowId || extra.length > 0 || !('last' in selection || 'from' in selection)) {
      const detail =
        flowId && extra.length === 0
          ? (selection as LocalizedText)[context.locale]
          : SHADOW_TEXT.usage[context.locale];
      context.io.stderr(`${CLI_TEXT.badArguments(detail)[context.locale]}\n`);
      return EXIT.unusable;
    }
    let store: Store;
    try {
      store = await openConfiguredStore(loadServerConfig(context.io.env));
    } catch (error) {
      if (!(error instanceof ConfigError)) throw error;
      context.io.stderr(`${error.message}\n`);
      return EXIT.unusable;
    }
    try {
      return await shadow(store, flowId, selection as ShadowSelection, values.json === true, context);
    } finally {
      await store.close();
    }
  },
};
