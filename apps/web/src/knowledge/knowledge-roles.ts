/**
 * Who writes knowledge-base articles (the server's ROLES.flowEditors) and who
 * may read the published ones (those plus ticket workers). The server decides;
 * this only hides controls that would be refused.
 */
const KNOWLEDGE_EDITORS: readonly string[] = ['admin', 'editor'];
const KNOWLEDGE_READERS: readonly string[] = ['admin', 'editor', 'supervisor', 'agent'];

export function mayEditKnowledge(role: string | undefined): boolean {
  return role !== undefined && KNOWLEDGE_EDITORS.includes(role);
}

export function mayReadKnowledge(role: string | undefined): boolean {
  return role !== undefined && KNOWLEDGE_READERS.includes(role);
}
