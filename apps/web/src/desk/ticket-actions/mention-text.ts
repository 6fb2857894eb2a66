/**
 * The `@name` mentions of an internal note, as plain text functions so the
 * note box and its tests agree on what a mention is. A mention starts at an
 * `@` at the start of the text or after white space; names may hold spaces
 * and CJK characters, so the query is everything typed after that `@` up to
 * the caret, as long as it has no line break.
 */

export interface Mentionable {
  id: string;
  name: string;
}

/** The text typed after an open `@` before the caret, or undefined when the caret is not in a mention. */
export function openMention(beforeCaret: string): string | undefined {
  const at = beforeCaret.lastIndexOf('@');
  if (at < 0) return undefined;
  if (at > 0 && !/\s/.test(beforeCaret.charAt(at - 1))) return undefined;
  const query = beforeCaret.slice(at + 1);
  if (/[\n\r]/.test(query) || query.length > 40) return undefined;
  return query;
}

/** Members whose name contains the query (any case), names that start with it first. */
export function matchMembers(members: readonly Mentionable[], query: string, limit = 8): Mentionable[] {
  const needle = query.trim().toLowerCase();
  const found = members.filter((member) => member.name.toLowerCase().includes(needle));
  const starts = (member: Mentionable) => (member.name.toLowerCase().startsWith(needle) ? 0 : 1);
  return found.sort((a, b) => starts(a) - starts(b)).slice(0, limit);
}

/** Replaces the open `@query` before the caret with `@Name ` and says where the caret goes. */
export function insertMention(
  text: string,
  caret: number,
  member: Mentionable,
): { text: string; caret: number } {
  const before = text.slice(0, caret);
  const at = before.lastIndexOf('@');
  const start = at < 0 ? caret : at;
  const inserted = `@${member.name} `;
  return { text: text.slice(0, start) + inserted + text.slice(caret), caret: start + inserted.length };
}

/** The members still mentioned in the text: a mention deleted from the note notifies no one. */
export function mentionedIn(text: string, chosen: readonly Mentionable[]): string[] {
  const ids = chosen.filter((member) => text.includes(`@${member.name}`)).map((member) => member.id);
  return [...new Set(ids)];
}
