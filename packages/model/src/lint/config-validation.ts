import type { AnyNodeType } from '../catalog/catalog.types.ts';
import { type LocalizedText, text } from '../i18n.ts';
import { message } from './messages.ts';
import { describeIssue, flattenIssues, formatPath, helpKey } from './zod-issues.ts';

export interface ConfigProblem {
  /** `config.cases[1].value` */
  readonly field: string;
  readonly message: LocalizedText;
}

export type ConfigCheck =
  | { readonly ok: true; readonly config: unknown }
  | { readonly ok: false; readonly problems: ConfigProblem[] };

const SETTINGS_LABEL = text('设置', 'Settings');

/** Validates a node's config against its catalog schema, in words the admin understands. */
export function validateNodeConfig(definition: AnyNodeType, config: unknown): ConfigCheck {
  const result = definition.configSchema.safeParse(config);
  if (result.success) return { ok: true, config: result.data };
  const problems = flattenIssues(result.error.issues).map((issue) => {
    const key = helpKey(issue.path);
    const label = definition.fields[key]?.label ?? closestLabel(definition, key) ?? SETTINGS_LABEL;
    const problem = describeIssue(issue, config);
    const path = formatPath(issue.path);
    return {
      field: path === '' ? 'config' : `config.${path}`,
      message: message('node.invalid_config', {
        labelZh: label['zh-CN'],
        labelEn: label.en,
        problemZh: problem['zh-CN'],
        problemEn: problem.en,
      }),
    };
  });
  return { ok: false, problems };
}

function closestLabel(definition: AnyNodeType, key: string): LocalizedText | undefined {
  const parts = key.split('.');
  while (parts.length > 1) {
    parts.pop();
    const label = definition.fields[parts.join('.')]?.label;
    if (label) return label;
  }
  return undefined;
}
