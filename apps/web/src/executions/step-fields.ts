import { FIELD_SOURCES, type FieldInfo, getNodeType, type Locale } from '@flowdesk/model';

/**
 * A step's input or output as labelled fields, the way the editor's field
 * picker names them (`工单 · 工单号`, `Ticket · Ticket number`): flow data by the
 * model's field list, a step's own settings by its catalog field help, the
 * rest by its path. The raw JSON stays one click away on the trace page.
 */
export interface LabelledField {
  readonly path: string;
  readonly label: string;
  readonly value: string;
}

/** Objects are opened this deep; anything deeper is shown as compact JSON. */
const MAX_DEPTH = 3;
const MAX_VALUE_LENGTH = 500;

type Sources = Record<string, { label: { [L in Locale]: string }; fields: readonly FieldInfo[] }>;

function dataFieldLabel(segments: readonly string[], locale: Locale): string | undefined {
  const [sourceId, ...rest] = segments;
  const source = sourceId ? (FIELD_SOURCES as Sources)[sourceId] : undefined;
  if (!source) return undefined;
  if (rest.length === 0) return source.label[locale];
  const field = source.fields.find((candidate) => candidate.name === rest[0]);
  const below = rest.slice(field ? 1 : 0);
  return [source.label[locale], field?.label[locale], ...below].filter(Boolean).join(' · ');
}

function settingLabel(nodeType: string, segments: readonly string[], locale: Locale): string | undefined {
  const fields = getNodeType(nodeType)?.fields;
  if (!fields) return undefined;
  // Activities record the config they ran with under `config`; the catalog names its fields without it.
  const below = segments[0] === 'config' ? segments.slice(1) : segments;
  const named = below.filter((segment) => !/^\d+$/.test(segment));
  for (let length = named.length; length > 0; length--) {
    const help = fields[named.slice(0, length).join('.')];
    if (help)
      return [help.label[locale], ...segments.slice(segments.length - (named.length - length))].join(' · ');
  }
  return undefined;
}

export function fieldLabel(nodeType: string, path: string, locale: Locale): string {
  const segments = path.split('.');
  return dataFieldLabel(segments, locale) ?? settingLabel(nodeType, segments, locale) ?? path;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

export function formatFieldValue(value: unknown): string {
  if (value === null || value === undefined) return '—';
  if (typeof value === 'string')
    return value.length > MAX_VALUE_LENGTH ? `${value.slice(0, MAX_VALUE_LENGTH)}…` : value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (Array.isArray(value) && value.every((item) => item === null || typeof item !== 'object')) {
    return value.length === 0 ? '—' : value.map((item) => formatFieldValue(item)).join(', ');
  }
  const json = JSON.stringify(value);
  return json.length > MAX_VALUE_LENGTH ? `${json.slice(0, MAX_VALUE_LENGTH)}…` : json;
}

function collect(
  value: unknown,
  path: string[],
  depth: number,
  out: Array<{ path: string[]; value: unknown }>,
) {
  if (isPlainObject(value) && depth < MAX_DEPTH && Object.keys(value).length > 0) {
    for (const [key, item] of Object.entries(value))
      collect(item, [...path, ...key.split('.')], depth + 1, out);
    return;
  }
  out.push({ path, value });
}

/** The fields of a step's input or output, in the order the step wrote them. */
export function labelledFields(value: unknown, nodeType: string, locale: Locale): LabelledField[] {
  if (!isPlainObject(value)) {
    return value === null || value === undefined
      ? []
      : [{ path: '', label: '', value: formatFieldValue(value) }];
  }
  const leaves: Array<{ path: string[]; value: unknown }> = [];
  collect(value, [], 0, leaves);
  return leaves.map((leaf) => {
    const path = leaf.path.join('.');
    return { path, label: fieldLabel(nodeType, path, locale), value: formatFieldValue(leaf.value) };
  });
}
