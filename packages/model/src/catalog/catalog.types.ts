import type { z } from 'zod';
import type { Locale, LocalizedText } from '../i18n.ts';

export const NODE_CATEGORIES = ['trigger', 'logic', 'action', 'timing'] as const;
export type NodeCategory = (typeof NODE_CATEGORIES)[number];

/**
 * required: an unconnected port is an error (the flow would drop requests);
 * recommended: a warning; optional: nothing (the path simply ends there).
 */
export type PortRequirement = 'required' | 'recommended' | 'optional';

/**
 * The Lucide icons node types may show. The web app bundles exactly these in
 * a map typed by this union, so a node type whose icon is not bundled fails to
 * compile instead of showing the fallback.
 */
export type NodeIconName =
  | 'activity'
  | 'bell-ring'
  | 'bot'
  | 'calendar-clock'
  | 'circle-stop'
  | 'clipboard-check'
  | 'clock'
  | 'file-pen-line'
  | 'git-branch'
  | 'globe'
  | 'hourglass'
  | 'inbox'
  | 'radio'
  | 'send'
  | 'siren'
  | 'split'
  | 'star'
  | 'tags'
  | 'ticket'
  | 'ticket-plus'
  | 'user-check'
  | 'user-search'
  | 'variable';

export interface Port {
  readonly id: string;
  readonly label: LocalizedText;
  readonly requirement: PortRequirement;
}

/**
 * What a config field may name by id instead of by free text: the workspace's
 * teams, agents, SLA policies, saved message templates and knowledge-base tags,
 * or a category a Classify step before the node decides. The editor offers the
 * existing ones in a dropdown and the linter reports an id that is not one of them.
 */
export const REFERENCE_KINDS = [
  'team',
  'agent',
  'sla_policy',
  'message_template',
  'knowledge_tag',
  'category',
] as const;
export type ReferenceKind = (typeof REFERENCE_KINDS)[number];

/** Label and help text for one config field, keyed by its path without indices (`cases.value`). */
export interface FieldHelp {
  readonly label: LocalizedText;
  readonly help?: LocalizedText;
  /** The field holds the id of one of these; see REFERENCE_KINDS. */
  readonly refersTo?: ReferenceKind;
  /** Values the field also takes besides the referenced records' ids, with their labels (`supervisor`). */
  readonly builtIn?: Readonly<Record<string, LocalizedText>>;
  /**
   * A technical setting (milliseconds, raw headers, a CEL expression, a
   * threshold) most admins never change: the inspector keeps it under a
   * collapsed Advanced section.
   */
  readonly advanced?: true;
  /**
   * The field matters only while its sibling `field` (same object) has one of
   * the values `in`, e.g. a subject only for channels that show one. The
   * inspector hides it otherwise; a hidden field keeps its value.
   */
  readonly visibleWhen?: FieldVisibility;
}

/** See FieldHelp.visibleWhen. */
export interface FieldVisibility {
  readonly field: string;
  readonly in: readonly string[];
}

/** A data field named by a node's config, and where in the config it is named. */
export interface FieldReference {
  /** Where the user wrote it, e.g. `config.body.en` or `config.rules.children[0].field`. */
  readonly at: string;
  /** The field path named, e.g. `customer.name`; empty when the template itself is broken. */
  readonly path: string;
  /** Set when a template at `at` has a `{{` or `{%` that is never closed. */
  readonly unclosedTemplate?: true;
}

/** A text people read as rendered, and where in the config it is written (`config.body.zh-CN`). */
export interface ShownText {
  readonly at: string;
  readonly template: string;
}

/** A saved workspace message template as the linter sees it, found by its id. */
export interface StoredMessageTexts {
  readonly subject?: Partial<Record<Locale, string>>;
  readonly body?: Partial<Record<Locale, string>>;
}
export type StoredMessageLookup = (templateId: string) => StoredMessageTexts | undefined;

export interface NodeTypeDefinition<S extends z.ZodType = z.ZodType, T extends string = string> {
  /** Stable id stored in flow files, e.g. `logic.condition`. Never renamed. */
  readonly type: T;
  readonly category: NodeCategory;
  /** Icon name the editor shows (a Lucide icon name). */
  readonly icon: NodeIconName;
  readonly label: LocalizedText;
  readonly description: LocalizedText;
  readonly fields: Readonly<Record<string, FieldHelp>>;
  readonly configSchema: S;
  /** A documented, valid config: shown in docs, used by tests and as the palette default. */
  readonly example: z.input<S>;
  /**
   * The example with the texts an admin reads written in one language (a
   * Classify step's category names): the default of a step the admin adds, so
   * it starts in the interface language. Without it the example is used as is.
   */
  exampleIn?(locale: Locale): z.input<S>;
  /** Output ports; derived from the config where it defines branches. */
  outputPorts(config: z.output<S>): Port[];
  /** Data sources or variables this node makes available to the nodes after it. */
  provides?(config: z.output<S>): string[];
  /** Fields this node's config reads (templates, rules, field pickers). */
  references?(config: z.output<S>): FieldReference[];
  /**
   * Texts people read exactly as rendered: messages to the customer, survey
   * questions, ticket titles. A field with no value leaves a gap in them, so
   * the linter asks for a fallback there (rules/empty-fields.rule.ts).
   */
  shownTexts?(config: z.output<S>, stored: StoredMessageLookup): ShownText[];
  /** A one-line, plain-language summary for the node card ("Wait 24 hours"). */
  summarize(config: z.output<S>, locale: Locale): string;
  /** Waiting nodes hand control back to the scheduler, so a loop through one is safe. */
  readonly waits?: boolean;
}

/** Any node type, whatever its config: how the catalog holds them. */
// biome-ignore lint/suspicious/noExplicitAny: entries differ in config type; each is checked where defined
export type AnyNodeType = NodeTypeDefinition<any>;

/**
 * Keeps each entry's config type checked where it is written, and keeps its
 * type id and config schema in the result, so `NodeConfig<'action.assign'>`
 * and the registries typed by the catalog's unions can be derived from it.
 */
export function defineNodeType<const T extends string, S extends z.ZodType>(
  definition: NodeTypeDefinition<S, T>,
): NodeTypeDefinition<S, T> {
  return definition;
}
