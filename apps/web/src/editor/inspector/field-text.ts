import { useTranslation } from 'react-i18next';
import { useFormContext } from './form-context.ts';
import { humanize } from './schema-kinds.ts';

/** A field's label and help: the catalog's words for `helpKey`, else the UI's, else its humanised name. */
export function useFieldText(helpKey: string, name: string) {
  const { t } = useTranslation();
  const { help, locale } = useFormContext();
  const entry = help[helpKey];
  return {
    label: entry?.label[locale] ?? t(`fieldNames.${name}`, { defaultValue: humanize(name) }),
    help: entry?.help?.[locale],
  };
}
