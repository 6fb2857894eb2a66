import { hasErrors, lintFlow } from '@flowdesk/model';
import type { StoreRepositories } from '@flowdesk/store';
import { type Clock, DEFAULT_WORKSPACE_ID } from '../app-deps.ts';
import { TEMPLATE_TEXT } from '../messages/template.messages.ts';
import { checkTemplate } from './template-checks.ts';
import { templateItemIds } from './template-ids.ts';
import type { LoadedTemplate, TemplateProblem } from './template-loader.ts';
import { fillPlaceholders, settingValues } from './template-settings.ts';

/**
 * Installs a template into a workspace: its teams (with the template's
 * business hours), agents, SLA policies, message templates, knowledge-base
 * articles and flows, and publishes the flows when asked. Every item has a
 * stable id (template id + key) and is only created when missing, so applying
 * again changes nothing and says so; what an admin changed since stays theirs.
 * All writes share one transaction: a failure leaves nothing half-installed.
 */

export const APPLY_KINDS = [
  'teams',
  'agents',
  'slaPolicies',
  'messageTemplates',
  'articles',
  'flows',
] as const;
export type ApplyKind = (typeof APPLY_KINDS)[number];
export type ApplyCounts = Record<ApplyKind, number>;

export interface ApplyDeps {
  readonly store: { transaction<T>(fn: (tx: StoreRepositories) => Promise<T>): Promise<T> };
  readonly clock: Clock;
  /** Told after publishing so running workers pick the new versions up. */
  readonly runtime: { flowsChanged(): void };
}

export interface ApplyOptions {
  readonly workspaceId?: string;
  /** Values for the template's settings, by key; the rest take their defaults. */
  readonly settings?: Readonly<Record<string, string>>;
  /** The server's public URL when it runs the demo: URL settings point at its built-in demo services. */
  readonly demoBaseUrl?: string;
  /** Publish each flow the first time it is installed (the demo does; the gallery lets the admin review first). */
  readonly publish: boolean;
  /** Who is recorded as author of the flows and versions. */
  readonly actor: string;
}

export type ApplyResult =
  | {
      readonly ok: true;
      readonly templateId: string;
      readonly created: ApplyCounts;
      readonly existing: ApplyCounts;
      readonly published: number;
      /** Nothing was missing: the template had been applied before. */
      readonly alreadyApplied: boolean;
    }
  | { readonly ok: false; readonly templateId: string; readonly problems: readonly TemplateProblem[] };

const zero = (): ApplyCounts => ({
  teams: 0,
  agents: 0,
  slaPolicies: 0,
  messageTemplates: 0,
  articles: 0,
  flows: 0,
});

export async function applyTemplate(
  deps: ApplyDeps,
  template: LoadedTemplate,
  options: ApplyOptions,
): Promise<ApplyResult> {
  const { manifest } = template;
  const templateId = manifest.id;
  const problems = checkTemplate(template);
  const values = settingValues(manifest.settings, options.settings, options.demoBaseUrl);
  if (!values.ok) problems.push({ file: 'template.json', message: TEMPLATE_TEXT.badSetting(values.key) });
  if (problems.length > 0 || !values.ok) return { ok: false, templateId, problems };

  const workspaceId = options.workspaceId ?? DEFAULT_WORKSPACE_ID;
  const now = deps.clock.now().toISOString();
  const created = zero();
  const existing = zero();
  let published = 0;
  const ensure = async (kind: ApplyKind, exists: boolean, create: () => Promise<unknown>) => {
    if (exists) {
      existing[kind]++;
      return;
    }
    await create();
    created[kind]++;
  };

  await deps.store.transaction(async (tx) => {
    for (const team of manifest.teams) {
      await ensure('teams', Boolean(await tx.teams.get(team.id)), () =>
        tx.teams.put({ ...team, workspaceId, calendar: manifest.businessHours }),
      );
    }
    for (const agent of manifest.agents) {
      const id = templateItemIds.agent(templateId, agent.key);
      const { key: _key, ...fields } = agent;
      await ensure('agents', Boolean(await tx.agents.get(id)), () =>
        tx.agents.create({ ...fields, id, workspaceId, userId: null, activeCount: 0, lastAssignedAt: null }),
      );
    }
    for (const policy of manifest.slaPolicies) {
      const id = templateItemIds.slaPolicy(templateId, policy.key);
      const { key: _key, ...fields } = policy;
      await ensure('slaPolicies', Boolean(await tx.slaPolicies.get(id)), () =>
        // A template's policies count in the team's hours (the template's business hours).
        tx.slaPolicies.put({ ...fields, id, workspaceId, calendar: null }),
      );
    }
    for (const message of manifest.messageTemplates) {
      const id = templateItemIds.messageTemplate(templateId, message.key);
      const { key: _key, ...fields } = message;
      await ensure('messageTemplates', Boolean(await tx.messageTemplates.get(id)), () =>
        tx.messageTemplates.put({ ...fields, id, workspaceId, updatedAt: now }),
      );
    }
    for (const article of manifest.knowledgeBase) {
      const id = templateItemIds.article(templateId, article.key);
      const { key: _key, ...fields } = article;
      await ensure('articles', Boolean(await tx.kbArticles.get(id)), () =>
        // A template's flows answer with its articles from the start, so they come published.
        tx.kbArticles.put({ ...fields, id, workspaceId, status: 'published', updatedAt: now }),
      );
    }
    for (const flow of template.flows) {
      const id = templateItemIds.flow(templateId, flow.key);
      const graph = fillPlaceholders(flow.graph, values.values);
      await ensure('flows', Boolean(await tx.flows.get(id)), async () => {
        await tx.flows.create({
          id,
          workspaceId,
          // `name` is the one string every flow has; the web app shows the interface language's name.
          name: flow.name['zh-CN'],
          localizedName: { 'zh-CN': flow.name['zh-CN'], en: flow.name.en },
          description: flow.description['zh-CN'],
          draft: graph,
          createdBy: options.actor,
          now,
        });
        if (options.publish && !hasErrors(lintFlow(graph))) {
          await tx.versions.publish(
            id,
            graph,
            `template ${templateId} v${manifest.version}`,
            options.actor,
            now,
          );
          published++;
        }
      });
    }
  });
  if (published > 0) deps.runtime.flowsChanged();
  const alreadyApplied = Object.values(created).every((count) => count === 0);
  return { ok: true, templateId, created, existing, published, alreadyApplied };
}
