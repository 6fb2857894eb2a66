import type { FieldHelp, Locale } from '@flowdesk/model';
import { createContext, useContext } from 'react';
import type { FieldOption } from './field-options.ts';
import type { JsonSchema } from './schema-kinds.ts';

/** What every control of one node's form needs: the schema root (for $ref), catalog help, the flow's fields. */
export interface FormContextValue {
  root: JsonSchema;
  help: Readonly<Record<string, FieldHelp>>;
  fields: readonly FieldOption[];
  locale: Locale;
}

export const FormContext = createContext<FormContextValue | null>(null);

export function useFormContext(): FormContextValue {
  const value = useContext(FormContext);
  if (!value) throw new Error('Inspector controls must be rendered inside a FormContext');
  return value;
}
