import { writeFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { hasErrors, type LocalizedText, text } from '@flowdesk/model';
import { createStore, type Store } from '@flowdesk/store';
import { DEFAULT_WORKSPACE_ID } from '../../app-deps.ts';
import { createIdSource } from '../../boot/ids.ts';
import { ConfigError, loadServerConfig } from '../../config/server-config.ts';
import { toFlowFile } from '../../flows/flow-documents.ts';
import { CLI_TEXT } from '../../messages/cli.messages.ts';
import { checkFlowFile } from '../check-flow-file.ts';
import { formatProblemLine } from '../problem-format.ts';
import { type CliCommand, type CommandContext, EXIT, type ExitCode } from './command.types.ts';

const FLOWS_TEXT = {
  usage: text(
    '用法：flowdesk flows list | import <file> [--name 名称] | export <flowId> [--version N] [--out 文件]',
    'Usage: flowdesk flows list | import <file> [--name NAME] | export <flowId> [--version N] [--out FILE]',
  ),
  imported: (id: string, name: string) =>
    text(`已导入为草稿：${id}（${name}）`, `Imported as a draft: ${id} (${name})`),
  notFound: (what: string) => text(`找不到：${what}`, `Not found: ${what}`),
  written: (path: string) => text(`已写入 ${path}`, `Wrote ${path}`),
  badVersion: text('--version 必须是正整数', '--version must be a positive whole number'),
  noFlows: text('还没有流程', 'No flows yet'),
} satisfies Record<string, LocalizedText | ((...args: string[]) => LocalizedText)>;

/** `flowdesk flows list|import|export`: flows in the configured store (FLOWDESK_DB or MONGODB_URI). */
export const flowsCommand: CliCommand = {
  name: 'flows',
  usage: 'flows list | import <flow.json> [--name NAME] | export <flowId> [--version N] [--out FILE]',
  summary: text('列出、导入或导出数据库中的流程', 'List, import or export the flows in the database'),
  options: { name: { type: 'string' }, version: { type: 'string' }, out: { type: 'string' } },
  optionHelp: {
    name: text(
      '导入后的流程名称（默认取文件中的名称）',
      'Name of the imported flow (default: the name in the file)',
    ),
    version: text(
      '导出已发布的某个版本（默认导出草稿）',
      'Export this published version (default: the draft)',
    ),
    out: text('写入文件而不是打印', 'Write to this file instead of printing'),
  },
  exitCodes: [
    [EXIT.ok, text('完成', 'Done')],
    [EXIT.problems, text('找不到流程或版本', 'The flow or version does not exist')],
    [EXIT.unusable, text('参数、文件或配置有误', 'Wrong arguments, file or configuration')],
  ],
  async run({ positionals, values }, context) {
    const [action, target, ...extra] = positionals;
    const valid =
      (action === 'list' && !target) ||
      ((action === 'import' || action === 'export') && target && extra.length === 0);
    if (!valid) {
      context.io.stderr(`${CLI_TEXT.badArguments(FLOWS_TEXT.usage[context.locale])[context.locale]}\n`);
      return EXIT.unusable;
    }
    let store: Store;
    try {
      const config = loadServerConfig(context.io.env);
      store = await createStore(
        config.store.kind === 'mongo'
          ? { mongoUri: config.store.uri }
          : { sqlitePath: resolve(context.io.cwd, config.store.path) },
      );
    } catch (error) {
      if (!(error instanceof ConfigError)) throw error;
      context.io.stderr(`${error.message}\n`);
      return EXIT.unusable;
    }
    try {
      if (action === 'list') return await list(store, context);
      if (action === 'import') return await importFlow(store, target as string, values.name, context);
      return await exportFlow(store, target as string, values.version, values.out, context);
    } finally {
      await store.close();
    }
  },
};

async function list(store: Store, { io, locale }: CommandContext): Promise<ExitCode> {
  const flows = await store.flows.list({ workspaceId: DEFAULT_WORKSPACE_ID });
  if (flows.length === 0) io.stdout(`${FLOWS_TEXT.noFlows[locale]}\n`);
  for (const flow of flows) {
    const latest = await store.versions.latest(flow.id);
    io.stdout(`${flow.id}\t${latest ? `v${latest.version}` : '-'}\t${flow.name}\n`);
  }
  return EXIT.ok;
}

async function importFlow(
  store: Store,
  path: string,
  name: unknown,
  { io, locale }: CommandContext,
): Promise<ExitCode> {
  const check = await checkFlowFile(path, io.cwd);
  for (const problem of check.problems) io.stderr(`${formatProblemLine(problem, locale)}\n`);
  if (check.kind === 'unusable') return EXIT.unusable;
  const flowName = typeof name === 'string' && name.trim() ? name.trim() : (check.name ?? path);
  const id = createIdSource().next();
  await store.flows.create({
    id,
    workspaceId: DEFAULT_WORKSPACE_ID,
    name: flowName,
    draft: check.graph,
    createdBy: 'cli',
    now: new Date().toISOString(),
  });
  io.stdout(`${FLOWS_TEXT.imported(id, flowName)[locale]}\n`);
  return hasErrors(check.problems) ? EXIT.problems : EXIT.ok;
}

async function exportFlow(
  store: Store,
  id: string,
  version: unknown,
  out: unknown,
  { io, locale }: CommandContext,
): Promise<ExitCode> {
  const flow = await store.flows.get(id);
  if (!flow) {
    io.stderr(`${FLOWS_TEXT.notFound(id)[locale]}\n`);
    return EXIT.problems;
  }
  let graph = flow.draft;
  if (version !== undefined) {
    const number = Number(version);
    if (!Number.isInteger(number) || number < 1) {
      io.stderr(`${FLOWS_TEXT.badVersion[locale]}\n`);
      return EXIT.unusable;
    }
    const stored = await store.versions.get(id, number);
    if (!stored) {
      io.stderr(`${FLOWS_TEXT.notFound(`${id} v${number}`)[locale]}\n`);
      return EXIT.problems;
    }
    graph = stored.graph;
  }
  const json = `${JSON.stringify(toFlowFile(flow.name, flow.description, graph), null, 2)}\n`;
  if (typeof out === 'string') {
    await writeFile(resolve(io.cwd, out), json);
    io.stderr(`${FLOWS_TEXT.written(out)[locale]}\n`);
  } else {
    io.stdout(json);
  }
  return EXIT.ok;
}
