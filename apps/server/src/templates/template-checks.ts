import type { CategoryNode } from '@flowdesk/desk';
import { lintFlow } from '@flowdesk/model';
import { TEMPLATE_TEXT } from '../messages/template.messages.ts';
import { templateItemIds } from './template-ids.ts';
import type { LoadedTemplate, TemplateFlow, TemplateProblem } from './template-loader.ts';
import { fillPlaceholders, placeholdersIn, settingValues } from './template-settings.ts';

/**
 * What the schemas alone cannot see: references between the parts of a
 * template (teams, message templates, categories, settings) and the flows'
 * lint, with the settings at their defaults. A template with any problem here
 * is never applied.
 */
export function checkTemplate(template: LoadedTemplate): TemplateProblem[] {
  const { manifest } = template;
  const problems: TemplateProblem[] = [...duplicateKeys(template)];
  const teams = new Set(manifest.teams.map((team) => team.id));
  const categories = new Set(categoryIds(manifest.categories));
  const messageTemplates = new Set(
    manifest.messageTemplates.map((item) => templateItemIds.messageTemplate(manifest.id, item.key)),
  );
  const needTeam = (file: string, where: string, team: unknown) => {
    if (typeof team === 'string' && !teams.has(team)) {
      problems.push({ file, message: TEMPLATE_TEXT.unknownTeam(where, team) });
    }
  };
  for (const team of manifest.teams)
    needTeam('template.json', `teams/${team.id}`, team.supervisorQueue ?? undefined);
  for (const agent of manifest.agents) {
    for (const team of agent.teams) needTeam('template.json', `agents/${agent.key}`, team);
  }
  needTeam('template.json', 'survey', manifest.survey.reviewTeam);
  for (const policy of manifest.slaPolicies) {
    for (const category of policy.match.categories ?? []) {
      if (!categories.has(category)) {
        problems.push({
          file: 'template.json',
          message: TEMPLATE_TEXT.unknownCategory(`slaPolicies/${policy.key}`, category),
        });
      }
    }
  }
  const defaults = settingValues(manifest.settings);
  const values = defaults.ok ? defaults.values : {};
  for (const flow of template.flows) {
    const known = new Set(manifest.settings.map((setting) => setting.key));
    for (const key of placeholdersIn(flow.graph)) {
      if (!known.has(key))
        problems.push({ file: flow.file, message: TEMPLATE_TEXT.unknownSetting(flow.file, key) });
    }
    problems.push(...flowReferences(flow, { needTeam, categories, messageTemplates }));
    for (const problem of lintFlow(fillPlaceholders(flow.graph, values))) {
      if (problem.severity !== 'error') continue;
      problems.push({
        file: flow.file,
        message: TEMPLATE_TEXT.lintError(flow.file, problem.nodeId ?? '-', problem.message),
      });
    }
  }
  return problems;
}

interface Known {
  needTeam: (file: string, where: string, team: unknown) => void;
  categories: ReadonlySet<string>;
  messageTemplates: ReadonlySet<string>;
}

function flowReferences(flow: TemplateFlow, known: Known): TemplateProblem[] {
  const problems: TemplateProblem[] = [];
  for (const node of flow.graph.nodes) {
    const where = `${flow.file} ${node.id}`;
    const config = node.config as Record<string, unknown>;
    if (node.type === 'action.create_ticket' || node.type === 'action.update_ticket') {
      known.needTeam(flow.file, where, config.team);
    }
    if (node.type === 'action.assign') known.needTeam(flow.file, where, config.teamId);
    if (node.type === 'action.escalate' && config.queue !== 'supervisor') {
      known.needTeam(flow.file, where, config.queue);
    }
    const category = node.type === 'action.create_ticket' ? config.category : undefined;
    const classified =
      node.type === 'logic.classify'
        ? ((config.categories as { id: string }[] | undefined) ?? []).map((item) => item.id)
        : [];
    for (const id of [...classified, ...(typeof category === 'string' ? [category] : [])]) {
      if (!known.categories.has(id)) {
        problems.push({ file: flow.file, message: TEMPLATE_TEXT.unknownCategory(where, id) });
      }
    }
    const templateId = node.type === 'action.send_message' ? config.templateId : undefined;
    if (typeof templateId === 'string' && !known.messageTemplates.has(templateId)) {
      problems.push({ file: flow.file, message: TEMPLATE_TEXT.unknownMessageTemplate(where, templateId) });
    }
  }
  return problems;
}

function categoryIds(nodes: readonly CategoryNode[]): string[] {
  return nodes.flatMap((node) => [node.id, ...categoryIds(node.children)]);
}

function duplicateKeys({ manifest }: LoadedTemplate): TemplateProblem[] {
  const lists: [string, readonly string[]][] = [
    ['flows', manifest.flows.map((item) => item.key)],
    ['teams', manifest.teams.map((item) => item.id)],
    ['agents', manifest.agents.map((item) => item.key)],
    ['slaPolicies', manifest.slaPolicies.map((item) => item.key)],
    ['messageTemplates', manifest.messageTemplates.map((item) => item.key)],
    ['knowledgeBase', manifest.knowledgeBase.map((item) => item.key)],
    ['settings', manifest.settings.map((item) => item.key)],
  ];
  const problems: TemplateProblem[] = [];
  for (const [what, keys] of lists) {
    const seen = new Set<string>();
    for (const key of keys) {
      if (seen.has(key))
        problems.push({ file: 'template.json', message: TEMPLATE_TEXT.duplicateKey(what, key) });
      seen.add(key);
    }
  }
  return problems;
}
