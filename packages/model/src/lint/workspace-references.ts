import type { ReferenceKind } from '../catalog/catalog.types.ts';
import { type LocalizedText, text } from '../i18n.ts';

/** What each kind is called inside a sentence ("not a team of this workspace"). */
export const REFERENCE_KIND_NAMES: Readonly<Record<ReferenceKind, LocalizedText>> = {
  team: text('团队', 'team'),
  agent: text('坐席', 'agent'),
  sla_policy: text('SLA 策略', 'SLA policy'),
  message_template: text('消息模板', 'message template'),
  knowledge_tag: text('知识库标签', 'knowledge-base tag'),
  category: text('分类', 'category'),
};

/** One record a field may name: its id (what the flow stores) and what people call it. */
export interface ReferenceOption {
  readonly id: string;
  readonly label: LocalizedText;
}

/** The kinds of records a workspace keeps; categories come from the flow's own Classify steps. */
export type WorkspaceReferenceKind = Exclude<ReferenceKind, 'category'>;

/**
 * What exists in the workspace, by kind: the server gathers it from the store
 * for lint and publishing, and the editor fills its dropdowns from it.
 */
export type WorkspaceReferences = Readonly<Record<WorkspaceReferenceKind, readonly ReferenceOption[]>>;

export function isWorkspaceReferenceKind(kind: ReferenceKind): kind is WorkspaceReferenceKind {
  return kind !== 'category';
}

/** The option whose label, in either language, is `value` (trimmed, any case): someone typed a name for an id. */
export function optionLabelled(
  options: readonly ReferenceOption[],
  value: string,
): ReferenceOption | undefined {
  const wanted = value.trim().toLowerCase();
  if (wanted === '') return undefined;
  return options.find((option) =>
    Object.values(option.label).some((label) => label.trim().toLowerCase() === wanted),
  );
}
