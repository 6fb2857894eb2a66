import { resolve } from 'node:path';
import { type LocalizedText, text } from '@flowdesk/model';
import { createStore, type Store } from '@flowdesk/store';
import { DEFAULT_WORKSPACE_ID } from '../../app-deps.ts';
import { ConfigError, loadServerConfig } from '../../config/server-config.ts';
import { CLI_TEXT } from '../../messages/cli.messages.ts';
import { TEMPLATE_TEXT } from '../../messages/template.messages.ts';
import { APPLY_KINDS, type ApplyCounts, applyTemplate } from '../../templates/template-apply.service.ts';
import { findTemplate, listTemplates } from '../../templates/template-catalog.ts';
import { type CliCommand, type CommandContext, EXIT, type ExitCode } from './command.types.ts';

const TEMPLATES_TEXT = {
  usage: text(
    '用法：flowdesk templates list | apply <模板> [--workspace default] [--set 键=值]... [--publish]',
    'Usage: flowdesk templates list | apply <template> [--workspace default] [--set key=value]... [--publish]',
  ),
  onlyDefault: (workspace: string) =>
    text(
      `工作区 “${workspace}” 不存在；目前只有 default 工作区`,
      `There is no workspace "${workspace}"; for now there is only the default workspace`,
    ),
  badSet: (value: string) => text(`--set 需要 键=值 的形式：${value}`, `--set takes key=value: ${value}`),
  applied: (id: string, counts: string) =>
    text(`已应用模板 ${id}：新建 ${counts}`, `Applied template ${id}: created ${counts}`),
  already: (id: string) =>
    text(`模板 ${id} 此前已应用，没有任何改动`, `Template ${id} was already applied; nothing changed`),
  published: (count: number) => text(`已发布 ${count} 个流程`, `Published ${count} flows`),
  draftsHint: text(
    '流程已存为草稿；检查后在编辑器中发布，或加 --publish 重新应用。',
    'Flows were saved as drafts: review and publish them in the editor, or apply with --publish.',
  ),
  kinds: {
    teams: text('团队', 'teams'),
    agents: text('坐席', 'agents'),
    slaPolicies: text('SLA 策略', 'SLA policies'),
    messageTemplates: text('消息模板', 'message templates'),
    articles: text('知识库文章', 'articles'),
    flows: text('流程', 'flows'),
  } satisfies Record<keyof ApplyCounts, LocalizedText>,
  none: text('无', 'none'),
};

/** `flowdesk templates list|apply`: the industry templates under templates/, applied to the configured store. */
export const templatesCommand: CliCommand = {
  name: 'templates',
  usage: 'templates list | apply <template> [--workspace default] [--set key=value]... [--publish]',
  summary: text('列出或应用行业模板', 'List or apply the industry templates'),
  options: {
    workspace: { type: 'string' },
    set: { type: 'string', multiple: true },
    publish: { type: 'boolean' },
  },
  optionHelp: {
    workspace: text('应用到哪个工作区（默认 default）', 'The workspace to apply to (default: default)'),
    set: text(
      '模板设置，例如 --set orderServiceUrl=https://erp.example.com/orders',
      'A template setting, e.g. --set orderServiceUrl=https://erp.example.com/orders',
    ),
    publish: text('应用后立即发布流程', 'Publish the flows right away'),
  },
  exitCodes: [
    [EXIT.ok, text('完成', 'Done')],
    [EXIT.problems, text('找不到模板或模板有误', 'The template does not exist or is broken')],
    [EXIT.unusable, text('参数或配置有误', 'Wrong arguments or configuration')],
  ],
  async run({ positionals, values }, context) {
    const [action, target, ...extra] = positionals;
    const valid = (action === 'list' && !target) || (action === 'apply' && target && extra.length === 0);
    if (!valid) return refuse(context, TEMPLATES_TEXT.usage);
    if (action === 'list') return list(context);
    const workspace = typeof values.workspace === 'string' ? values.workspace : DEFAULT_WORKSPACE_ID;
    if (workspace !== DEFAULT_WORKSPACE_ID) return refuse(context, TEMPLATES_TEXT.onlyDefault(workspace));
    const settings: Record<string, string> = {};
    for (const pair of Array.isArray(values.set) ? values.set : []) {
      const [key, ...rest] = String(pair).split('=');
      if (!key || rest.length === 0) return refuse(context, TEMPLATES_TEXT.badSet(String(pair)));
      settings[key] = rest.join('=');
    }
    return apply(target as string, { settings, publish: values.publish === true }, context);
  },
};

function refuse({ io, locale }: CommandContext, detail: LocalizedText): ExitCode {
  io.stderr(`${CLI_TEXT.badArguments(detail[locale])[locale]}\n`);
  return EXIT.unusable;
}

async function list({ io, locale }: CommandContext): Promise<ExitCode> {
  for (const template of await listTemplates()) {
    io.stdout(`${template.id}\tv${template.version}\t${template.name[locale]}\t${template.flows.length}\n`);
    io.stdout(`\t${template.description[locale]}\n`);
  }
  return EXIT.ok;
}

async function apply(
  id: string,
  options: { settings: Record<string, string>; publish: boolean },
  context: CommandContext,
): Promise<ExitCode> {
  const { io, locale } = context;
  const found = await findTemplate(id);
  if (!found.ok) {
    const problems =
      found.reason === 'not_found' ? [{ message: TEMPLATE_TEXT.notFound(id) }] : found.problems;
    for (const problem of problems) io.stderr(`${problem.message[locale]}\n`);
    return EXIT.problems;
  }
  let store: Store;
  try {
    const config = loadServerConfig(io.env);
    store = await createStore(
      config.store.kind === 'mongo'
        ? { mongoUri: config.store.uri }
        : { sqlitePath: resolve(io.cwd, config.store.path) },
    );
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    io.stderr(`${error.message}\n`);
    return EXIT.unusable;
  }
  try {
    // A running server notices new versions when it next loads flows; this process has no runtime to tell.
    const runtime = { flowsChanged: () => {} };
    const clock = { now: () => new Date() };
    const result = await applyTemplate({ store, clock, runtime }, found.template, {
      ...options,
      actor: 'cli',
    });
    if (!result.ok) {
      for (const problem of result.problems) io.stderr(`${problem.message[locale]}\n`);
      return EXIT.problems;
    }
    if (result.alreadyApplied) {
      io.stdout(`${TEMPLATES_TEXT.already(id)[locale]}\n`);
      return EXIT.ok;
    }
    const counts = APPLY_KINDS.filter((kind) => result.created[kind] > 0)
      .map((kind) => `${result.created[kind]} ${TEMPLATES_TEXT.kinds[kind][locale]}`)
      .join(locale === 'zh-CN' ? '，' : ', ');
    io.stdout(`${TEMPLATES_TEXT.applied(id, counts || TEMPLATES_TEXT.none[locale])[locale]}\n`);
    io.stdout(
      `${(options.publish ? TEMPLATES_TEXT.published(result.published) : TEMPLATES_TEXT.draftsHint)[locale]}\n`,
    );
    return EXIT.ok;
  } finally {
    await store.close();
  }
}
