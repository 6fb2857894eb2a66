import { type TriggerEvent, TriggerEventSchema } from '@flowdesk/engine';
import {
  describeIssue,
  type FlowGraph,
  flattenIssues,
  formatPath,
  hasErrors,
  type LocalizedText,
  text,
} from '@flowdesk/model';
import { CLI_TEXT } from '../../messages/cli.messages.ts';
import { dryRunFlow, type PresentedDryRun, presentDryRun } from '../../runtime/dry-run/dry-run.ts';
import { checkFlowFile, readJsonFile } from '../check-flow-file.ts';
import { formatProblemLine, printable } from '../problem-format.ts';
import { type CliCommand, type CommandContext, EXIT, type ExitCode } from './command.types.ts';

const STATUS_LABELS: Record<string, LocalizedText> = {
  completed: text('已完成', 'completed'),
  failed: text('失败', 'failed'),
  cancelled: text('已取消', 'cancelled'),
  waiting: text('等待中', 'waiting'),
  running: text('运行中', 'running'),
};

const RUN_TEXT = {
  missingEvent: text('请用 --event 指定触发事件文件', 'Name the trigger event file with --event'),
  badEvent: (detail: string) =>
    text(
      `事件文件应为 {"request": {...}} 这样的数据，或 {"data": {...}}：${detail}`,
      `The event file must hold data such as {"request": {...}}, or {"data": {...}}: ${detail}`,
    ),
  finished: (status: string, steps: number) => {
    const label = STATUS_LABELS[status] ?? text(status, status);
    return text(
      `试运行结束：${label['zh-CN']}，共 ${steps} 步（未发送任何消息）`,
      `Dry run ended: ${label.en} after ${steps} steps (nothing was sent)`,
    );
  },
  wouldSend: text('将会执行的外部动作：', 'Effects a real run would have:'),
} satisfies Record<string, LocalizedText | ((...args: never[]) => LocalizedText)>;

/** `flowdesk run <flow.json> --event <event.json>`: an offline dry run printing the step trace. */
export const runCommand: CliCommand = {
  name: 'run',
  usage: 'run <flow.json> --event <event.json> [--json]',
  summary: text(
    '离线试运行流程并打印每一步（不发送任何消息）',
    'Dry-run a flow offline and print each step (sends nothing)',
  ),
  options: { event: { type: 'string' }, json: { type: 'boolean' } },
  optionHelp: {
    event: text(
      '触发事件的 JSON 文件，例如 {"request": {"channel": "api", "message": "…"}}',
      'JSON file with the trigger event, e.g. {"request": {"channel": "api", "message": "…"}}',
    ),
    json: text('以 JSON 输出步骤', 'Print the steps as JSON'),
  },
  exitCodes: [
    [EXIT.ok, text('流程运行结束（完成或等待）', 'The flow ran to its end')],
    [EXIT.problems, text('流程有错误，或执行失败', 'The flow has errors, or the execution failed')],
    [EXIT.unusable, text('文件无法读取或格式不对', 'A file cannot be read or is not in the right form')],
  ],
  async run({ positionals, values }, context) {
    const [path] = positionals;
    const eventPath = typeof values.event === 'string' ? values.event : undefined;
    if (path === undefined || eventPath === undefined) {
      const reason =
        path === undefined
          ? CLI_TEXT.badArguments('flow.json')[context.locale]
          : RUN_TEXT.missingEvent[context.locale];
      context.io.stderr(`${CLI_TEXT.badArguments(reason)[context.locale]}\n`);
      return EXIT.unusable;
    }
    const check = await checkFlowFile(path, context.io.cwd);
    if (check.kind === 'unusable' || hasErrors(check.problems)) {
      for (const problem of check.problems)
        context.io.stderr(`${formatProblemLine(problem, context.locale)}\n`);
      return check.kind === 'unusable' ? EXIT.unusable : EXIT.problems;
    }
    const event = await readJsonFile(eventPath, context.io.cwd);
    if (!event.ok) {
      for (const problem of event.check.problems)
        context.io.stderr(`${formatProblemLine(problem, context.locale)}\n`);
      return EXIT.unusable;
    }
    const value = event.value as Record<string, unknown> | null;
    const trigger = TriggerEventSchema.safeParse(
      value && typeof value === 'object' && 'data' in value ? value : { data: value },
    );
    if (!trigger.success) {
      // Worded by the model, in the chosen language, like every other validation message.
      const detail = flattenIssues(trigger.error.issues)
        .map((issue) => `${formatPath(issue.path)} ${describeIssue(issue, value)[context.locale]}`.trim())
        .join('; ');
      context.io.stderr(`${RUN_TEXT.badEvent(printable(detail))[context.locale]}\n`);
      return EXIT.unusable;
    }
    return dryRun(check.graph, trigger.data, values.json === true, context);
  },
};

function dryRun(graph: FlowGraph, trigger: TriggerEvent, asJson: boolean, context: CommandContext): ExitCode {
  const outcome = presentDryRun(dryRunFlow(graph, trigger, new Date().toISOString()));
  if (asJson) {
    context.io.stdout(`${JSON.stringify(outcome, null, 2)}\n`);
  } else {
    for (const step of outcome.steps) context.io.stdout(`${formatStep(step)}\n`);
    if (outcome.effects.length > 0) {
      context.io.stdout(`${RUN_TEXT.wouldSend[context.locale]}\n`);
      for (const effect of outcome.effects)
        context.io.stdout(`  ${effect.nodeId} ${printable(effect.summary)}\n`);
    }
    const incident = outcome.incident;
    if (incident) context.io.stdout(`ERROR ${incident.nodeId}: ${incident.message[context.locale]}\n`);
    context.io.stdout(`${RUN_TEXT.finished(outcome.status, outcome.steps.length)[context.locale]}\n`);
  }
  return outcome.status === 'failed' ? EXIT.problems : EXIT.ok;
}

function formatStep(step: PresentedDryRun['steps'][number]): string {
  const port = step.port ? ` → ${step.port}` : '';
  const error = step.error ? ` ✗ ${step.error.code}` : '';
  return `#${step.seq} ${step.nodeId} (${step.nodeType})${port}${error}`;
}
