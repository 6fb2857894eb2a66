import type { FlowGraph, StoredMessageLookup, StoredMessageTexts } from '@flowdesk/model';
import type { StoreRepositories } from '@flowdesk/store';

/**
 * The saved message templates a flow's messages pick, for lintFlow: the
 * linter is pure, so the templates are read first and handed to it, and a
 * message that uses one is checked for fields that may be empty like one
 * with its own text.
 */
export async function storedMessageTexts(
  store: Pick<StoreRepositories, 'messageTemplates'>,
  graph: FlowGraph,
): Promise<StoredMessageLookup> {
  const ids = new Set(
    graph.nodes.flatMap((node) => {
      const templateId = (node.config as { templateId?: unknown } | undefined)?.templateId;
      return node.type === 'action.send_message' && typeof templateId === 'string' ? [templateId] : [];
    }),
  );
  const found = new Map<string, StoredMessageTexts>();
  for (const id of ids) {
    const template = await store.messageTemplates.get(id);
    if (template) found.set(id, { subject: template.subject, body: template.body });
  }
  return (id) => found.get(id);
}
