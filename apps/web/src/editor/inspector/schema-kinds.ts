import type { LocalizedText, ReferenceKind } from '@flowdesk/model';

/**
 * How the inspector reads a node's config schema. The catalog's zod schema is
 * turned into JSON Schema (`z.toJSONSchema`), which is plain data and easy to
 * walk; this module decides which control each part gets and what a new value
 * starts as. Pure, so it is tested without a DOM.
 */

export interface JsonSchema {
  type?: string | string[];
  properties?: Record<string, JsonSchema>;
  required?: string[];
  items?: JsonSchema;
  enum?: unknown[];
  const?: unknown;
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  $ref?: string;
  $defs?: Record<string, JsonSchema>;
  default?: unknown;
  pattern?: string;
  maxLength?: number;
  minimum?: number;
  maximum?: number;
  additionalProperties?: boolean | JsonSchema;
}

export type SchemaKind =
  | { kind: 'hidden' }
  | { kind: 'rules' }
  | { kind: 'localized' }
  /** A plain name per language, or one name for all (older configs), e.g. a Classify category's label. */
  | { kind: 'localized-text'; maxLength: number | undefined }
  | { kind: 'duration' }
  | { kind: 'union'; key: string; options: JsonSchema[] }
  | { kind: 'scalar'; list: boolean }
  | { kind: 'enum'; values: string[] }
  | { kind: 'enum-list'; values: string[] }
  | { kind: 'text-list' }
  | { kind: 'object-list'; item: JsonSchema }
  | { kind: 'record'; value: JsonSchema }
  | { kind: 'object'; properties: Record<string, JsonSchema>; required: string[] }
  | { kind: 'field-path' }
  | { kind: 'template' }
  | { kind: 'text' }
  | { kind: 'number'; integer: boolean }
  | { kind: 'boolean' }
  | { kind: 'json' }
  /** A text field the catalog says names a record by id (`refersTo`): picked from a list, see SchemaField. */
  | { kind: 'reference'; refersTo: ReferenceKind; builtIn?: Readonly<Record<string, LocalizedText>> };

/** The name of each control kind; the inspector's renderer table is keyed by it. */
export type FieldKind = SchemaKind['kind'];

/** One kind's classification, with the data its control needs (enum values, list item schema…). */
export type SchemaKindOf<K extends FieldKind> = Extract<SchemaKind, { kind: K }>;

/** FieldPathSchema's pattern: strings matching it are picked from the flow's fields. */
const FIELD_PATH_PATTERN = '^[A-Za-z_][A-Za-z0-9_]*(\\.[A-Za-z_][A-Za-z0-9_]*){1,7}$';
/** MAX_TEMPLATE_LENGTH: strings this long are message templates. */
const TEMPLATE_MAX_LENGTH = 10_000;

export function resolve(schema: JsonSchema, root: JsonSchema): JsonSchema {
  if (!schema.$ref) return schema;
  const name = schema.$ref.replace('#/$defs/', '');
  const target = root.$defs?.[name];
  const { $ref: _ref, ...rest } = schema;
  return target ? { ...target, ...rest } : rest;
}

function isScalar(schema: JsonSchema): boolean {
  return ['string', 'number', 'boolean', 'integer'].includes(String(schema.type));
}

function flatOptions(schema: JsonSchema, root: JsonSchema): JsonSchema[] {
  return (schema.oneOf ?? schema.anyOf ?? []).flatMap((option) => {
    const resolved = resolve(option, root);
    return resolved.anyOf || resolved.oneOf ? flatOptions(resolved, root) : [resolved];
  });
}

function discriminator(options: JsonSchema[]): string | undefined {
  const first = options[0]?.properties ?? {};
  return Object.keys(first).find((key) =>
    options.every((option) => option.properties?.[key]?.const !== undefined),
  );
}

function classifyUnion(schema: JsonSchema, root: JsonSchema): SchemaKind {
  const options = flatOptions(schema, root);
  const key = discriminator(options);
  if (key) return { kind: 'union', key, options };
  // A ticket's title: one template for every language (older flows) or one per language.
  if (perLanguageAlternative(options)?.maxLength === TEMPLATE_MAX_LENGTH) return { kind: 'localized' };
  if (isOneOrPerLanguageText(options)) {
    return {
      kind: 'localized-text',
      maxLength: options.find((option) => option.type === 'string')?.maxLength,
    };
  }
  const scalars = options.filter(isScalar);
  const lists = options.filter((option) => option.type === 'array');
  if (scalars.length + lists.length === options.length) return { kind: 'scalar', list: lists.length > 0 };
  return { kind: 'json' };
}

/** The string option of `string | { zh-CN: string, en: string }`, when the union is one. */
function perLanguageAlternative(options: readonly JsonSchema[]): JsonSchema | undefined {
  const [first, second] = options;
  if (options.length !== 2 || !first || !second) return undefined;
  const [text, perLanguage] = first.type === 'string' ? [first, second] : [second, first];
  const properties = perLanguage.properties;
  const matches =
    text.type === 'string' &&
    perLanguage.type === 'object' &&
    properties?.['zh-CN']?.type === 'string' &&
    properties.en?.type === 'string';
  return matches ? text : undefined;
}

/** `string | { zh-CN: string, en: string }` of plain names: one text for every language, or one per language. */
function isOneOrPerLanguageText(options: readonly JsonSchema[]): boolean {
  const text = perLanguageAlternative(options);
  return text !== undefined && text.maxLength !== TEMPLATE_MAX_LENGTH;
}

function classifyObject(schema: JsonSchema): SchemaKind {
  const properties = schema.properties;
  if (!properties) {
    return typeof schema.additionalProperties === 'object'
      ? { kind: 'record', value: schema.additionalProperties }
      : { kind: 'json' };
  }
  if (properties.combinator && properties.children) return { kind: 'rules' };
  if (properties['zh-CN'] && properties.en) return { kind: 'localized' };
  if (properties.amount && properties.unit) return { kind: 'duration' };
  return { kind: 'object', properties, required: schema.required ?? [] };
}

function classifyArray(items: JsonSchema): SchemaKind {
  if (Array.isArray(items.enum)) return { kind: 'enum-list', values: items.enum.map(String) };
  if (items.type === 'string') return { kind: 'text-list' };
  if (items.type === 'object') return { kind: 'object-list', item: items };
  return { kind: 'json' };
}

export function classify(input: JsonSchema, root: JsonSchema): SchemaKind {
  const schema = resolve(input, root);
  if (schema.const !== undefined) return { kind: 'hidden' };
  if (schema.oneOf || schema.anyOf) return classifyUnion(schema, root);
  if (Array.isArray(schema.enum)) return { kind: 'enum', values: schema.enum.map(String) };
  switch (schema.type) {
    case 'object':
      return classifyObject(schema);
    case 'array':
      return schema.items ? classifyArray(resolve(schema.items, root)) : { kind: 'json' };
    case 'string':
      if (schema.pattern === FIELD_PATH_PATTERN) return { kind: 'field-path' };
      return schema.maxLength === TEMPLATE_MAX_LENGTH ? { kind: 'template' } : { kind: 'text' };
    case 'number':
    case 'integer':
      return { kind: 'number', integer: schema.type === 'integer' };
    case 'boolean':
      return { kind: 'boolean' };
    default:
      return { kind: 'json' };
  }
}

/** The value a newly added item or newly chosen variant starts with. */
export function defaultFor(input: JsonSchema, root: JsonSchema): unknown {
  const schema = resolve(input, root);
  if (schema.default !== undefined) return structuredClone(schema.default);
  if (schema.const !== undefined) return schema.const;
  const kind = classify(schema, root);
  switch (kind.kind) {
    case 'enum':
      return kind.values[0];
    case 'union':
      return kind.options[0] ? defaultFor(kind.options[0], root) : undefined;
    case 'object': {
      const value: Record<string, unknown> = {};
      for (const key of kind.required) {
        const property = kind.properties[key];
        if (property) value[key] = defaultFor(property, root);
      }
      return value;
    }
    case 'rules':
      return { kind: 'group', combinator: 'all', children: [] };
    case 'duration':
      return { amount: 1, unit: 'hours' };
    case 'localized':
    case 'record':
      return {};
    case 'localized-text':
      return { 'zh-CN': '', en: '' };
    case 'enum-list':
    case 'text-list':
    case 'object-list':
      return [];
    case 'number':
      return schema.minimum ?? 0;
    case 'boolean':
      return false;
    case 'scalar':
    case 'reference':
    case 'field-path':
    case 'template':
    case 'text':
      return '';
    case 'hidden':
    case 'json':
      return undefined;
  }
}

/** `createIfMissing` → `Create if missing`: only used when the catalog has no label for a field. */
export function humanize(name: string): string {
  const words = name
    .replace(/([a-z])([A-Z])/g, '$1 $2')
    .replace(/[_-]+/g, ' ')
    .toLowerCase();
  return words.charAt(0).toUpperCase() + words.slice(1);
}
