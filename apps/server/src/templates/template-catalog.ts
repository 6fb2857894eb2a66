import type { LocalizedText } from '@flowdesk/model';
import { checkTemplate } from './template-checks.ts';
import {
  type LoadedTemplate,
  loadTemplates,
  TEMPLATES_DIR,
  type TemplateProblem,
} from './template-loader.ts';

/** What the gallery and `flowdesk templates list` show of a template, in both languages. */
export interface TemplateSummary {
  readonly id: string;
  readonly version: number;
  readonly name: LocalizedText;
  readonly description: LocalizedText;
  readonly flows: readonly { key: string; name: LocalizedText; description: LocalizedText }[];
  readonly settings: readonly { key: string; kind: string; label: LocalizedText; default: string | number }[];
  readonly counts: {
    readonly teams: number;
    readonly agents: number;
    readonly slaPolicies: number;
    readonly messageTemplates: number;
    readonly articles: number;
    readonly samples: number;
  };
}

export type TemplateLookup =
  | { readonly ok: true; readonly template: LoadedTemplate }
  | { readonly ok: false; readonly reason: 'not_found' }
  | { readonly ok: false; readonly reason: 'broken'; readonly problems: readonly TemplateProblem[] };

export function summarize({ manifest, samples }: LoadedTemplate): TemplateSummary {
  return {
    id: manifest.id,
    version: manifest.version,
    name: manifest.name,
    description: manifest.description,
    flows: manifest.flows.map(({ key, name, description }) => ({ key, name, description })),
    settings: manifest.settings.map(({ key, kind, label, default: value }) => ({
      key,
      kind,
      label,
      default: value,
    })),
    counts: {
      teams: manifest.teams.length,
      agents: manifest.agents.length,
      slaPolicies: manifest.slaPolicies.length,
      messageTemplates: manifest.messageTemplates.length,
      articles: manifest.knowledgeBase.length,
      samples: samples.length,
    },
  };
}

/** The templates that load and check cleanly; a broken folder is left out rather than breaking the gallery. */
export async function listTemplates(root = TEMPLATES_DIR): Promise<TemplateSummary[]> {
  const loads = await loadTemplates(root);
  return loads.flatMap((load) =>
    load.ok && checkTemplate(load.template).length === 0 ? [summarize(load.template)] : [],
  );
}

export async function findTemplate(id: string, root = TEMPLATES_DIR): Promise<TemplateLookup> {
  const load = (await loadTemplates(root)).find((candidate) =>
    candidate.ok ? candidate.template.manifest.id === id : candidate.folder === id,
  );
  if (!load) return { ok: false, reason: 'not_found' };
  if (!load.ok) return { ok: false, reason: 'broken', problems: load.problems };
  const problems = checkTemplate(load.template);
  return problems.length > 0
    ? { ok: false, reason: 'broken', problems }
    : { ok: true, template: load.template };
}
