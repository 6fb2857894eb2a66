import type { FieldKind, JsonSchema, SchemaKindOf } from './schema-kinds.ts';

/**
 * One config value to render: what SchemaField is given. The label and help come
 * from the catalog's `fields` under `helpKey` (its path without list indices).
 */
export interface SchemaFieldProps {
  schema: JsonSchema;
  value: unknown;
  onChange: (value: unknown) => void;
  /** Where the value sits in the node, e.g. `config.cases[1].value`; problems point here. */
  dataPath: string;
  helpKey: string;
  name: string;
  required?: boolean;
}

/** The value's props plus what SchemaField works out once for any kind: schema, id, label and help. */
export interface LabelledFieldProps extends SchemaFieldProps {
  /** The schema with its `$ref` followed. */
  schema: JsonSchema;
  /** The control's id: its label points here, and ids of parts (checkboxes, rows) start with it. */
  id: string;
  label: string;
  help: string | undefined;
  /** The help paragraph's id when there is help, for the control's `aria-describedby`. */
  helpId: string | undefined;
}

/** What the renderer of one kind gets: the labelled field and its classification. */
export interface FieldProps<K extends FieldKind = FieldKind> extends LabelledFieldProps {
  kind: SchemaKindOf<K>;
}
