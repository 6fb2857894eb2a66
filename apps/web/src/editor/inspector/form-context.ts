import type { FieldHelp, Locale, ReferenceKind } from '@flowdesk/model';
import { createContext, type FC, useContext } from 'react';
import type { FieldOption } from './field-options.ts';
import type { SchemaFieldProps } from './field-props.ts';
import type { JsonSchema } from './schema-kinds.ts';

/** What every control of one node's form needs: the schema root (for $ref), catalog help, the flow's fields. */
export interface FormContextValue {
  root: JsonSchema;
  help: Readonly<Record<string, FieldHelp>>;
  fields: readonly FieldOption[];
  locale: Locale;
  /** Category id → label from the flow's Classify steps, so rules about categories read with their names. */
  categoryLabels?: ReadonlyMap<string, string>;
  /**
   * What a value compared with a data field names by id, by the value's place in the
   * node (`config.cases[0].value` of a Switch on a category): such a value is picked, not typed.
   */
  valueReference?: (dataPath: string) => ReferenceKind | undefined;
  /**
   * Renders a nested value (an object's property, a list's item). Handed down here so
   * object and list fields need not import SchemaField, which imports them.
   */
  SchemaField: FC<SchemaFieldProps>;
}

export const FormContext = createContext<FormContextValue | null>(null);

export function useFormContext(): FormContextValue {
  const value = useContext(FormContext);
  if (!value) throw new Error('Inspector controls must be rendered inside a FormContext');
  return value;
}
