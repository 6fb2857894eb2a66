import type { LocalizedText } from '@flowdesk/model';

/** A choice the server names in both languages (team, agent, category, template). */
export interface NamedOption {
  id: string;
  name: LocalizedText;
}
