import type { FieldHelp } from '@flowdesk/model';
import { type FC, useId } from 'react';
import type { FieldProps, SchemaFieldProps } from './field-props.ts';
import { useFieldText } from './field-text.ts';
import { useFormContext } from './form-context.ts';
import { EnumListField, ObjectListField, RecordField, TextListField } from './list-fields.tsx';
import { ObjectField, UnionField } from './object-fields.tsx';
import { ReferenceField } from './reference-field.tsx';
import {
  DurationValueField,
  FieldPathField,
  LocalizedField,
  LocalizedTextField,
  RulesField,
  TemplateField,
} from './rich-fields.tsx';
import { classify, type FieldKind, resolve, type SchemaKind } from './schema-kinds.ts';
import { BooleanField, EnumField, JsonField, NumberField, ScalarField, TextField } from './value-fields.tsx';

export type { SchemaFieldProps } from './field-props.ts';

/** The control of each kind; a kind added to schema-kinds.ts without one here fails to compile. */
const FIELD_RENDERERS: { readonly [K in FieldKind]: FC<FieldProps<K>> } = {
  // A constant (a union's key) is shown by the union's select, not as a field of its own.
  hidden: () => null,
  rules: RulesField,
  localized: LocalizedField,
  'localized-text': LocalizedTextField,
  duration: DurationValueField,
  union: UnionField,
  object: ObjectField,
  'enum-list': EnumListField,
  'text-list': TextListField,
  'object-list': ObjectListField,
  record: RecordField,
  enum: EnumField,
  'field-path': FieldPathField,
  template: TemplateField,
  number: NumberField,
  boolean: BooleanField,
  scalar: ScalarField,
  text: TextField,
  json: JsonField,
  reference: ReferenceField,
};

/**
 * One config value rendered from its JSON Schema: the control is chosen by
 * shape (see schema-kinds.ts), the label and help come from the catalog's
 * `fields` under `helpKey` (its path without list indices).
 */
export function SchemaField(props: SchemaFieldProps) {
  const { root, help } = useFormContext();
  const id = useId();
  const text = useFieldText(props.helpKey, props.name);
  const schema = resolve(props.schema, root);
  const kind = referenceKind(classify(schema, root), help[props.helpKey]);
  // The table pairs each kind with its renderer, so the renderer found under kind.kind takes this kind.
  const Renderer = FIELD_RENDERERS[kind.kind] as FC<FieldProps>;
  return (
    <Renderer
      {...props}
      schema={schema}
      kind={kind}
      id={id}
      label={text.label}
      help={text.help}
      helpId={text.help ? `${id}-help` : undefined}
    />
  );
}

/** A text field whose catalog entry names what it refers to becomes a dropdown of those records. */
function referenceKind(kind: SchemaKind, fieldHelp: FieldHelp | undefined): SchemaKind {
  if (kind.kind !== 'text' || fieldHelp?.refersTo === undefined) return kind;
  return {
    kind: 'reference',
    refersTo: fieldHelp.refersTo,
    ...(fieldHelp.builtIn ? { builtIn: fieldHelp.builtIn } : {}),
  };
}
