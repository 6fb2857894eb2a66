import type { LocalizedText } from '@flowdesk/model';
import { CLI_TEXT, VALIDATE_TEXT } from './cli.messages.ts';
import { EXECUTION_OUTCOME_TEXT } from './execution-outcome.messages.ts';
import { HTTP_MESSAGES } from './http.messages.ts';
import { RUNTIME_MESSAGES } from './runtime.messages.ts';
import { SECRETS_MESSAGES } from './secrets.messages.ts';
import { TEMPLATE_TEXT } from './template.messages.ts';

/**
 * The server's one message catalog: every text it shows people, by code. Each
 * area keeps its table in this folder (HTTP answers, runtime failures,
 * templates, secrets, the command line); this puts them under one set of codes
 * and refuses a code given twice. HTTP codes are bare (`not_found`), as clients
 * match on them; runtime codes carry `runtime.`; the others get their area's
 * prefix here (`template.notFound`, `secrets.key_malformed`, `cli.usage`,
 * `cli.validate.emptyFile`).
 */
export type CatalogEntry = LocalizedText | ((...args: never[]) => LocalizedText);

type Section = Readonly<Record<string, CatalogEntry>>;

export function mergeSections(sections: readonly (readonly [prefix: string, table: Section])[]) {
  const catalog: Record<string, CatalogEntry> = {};
  for (const [prefix, table] of sections) {
    for (const [key, entry] of Object.entries(table)) {
      const code = `${prefix}${key}`;
      if (Object.hasOwn(catalog, code)) throw new Error(`message code ${code} is defined twice`);
      catalog[code] = entry;
    }
  }
  return catalog as Readonly<Record<string, CatalogEntry>>;
}

export const SERVER_SECTIONS = [
  ['', HTTP_MESSAGES],
  ['', RUNTIME_MESSAGES],
  ['template.', TEMPLATE_TEXT],
  ['secrets.', SECRETS_MESSAGES],
  ['cli.', CLI_TEXT],
  ['cli.validate.', VALIDATE_TEXT],
  ['outcome.', EXECUTION_OUTCOME_TEXT],
] as const satisfies readonly (readonly [string, Section])[];

export const SERVER_CATALOG = mergeSections(SERVER_SECTIONS);
