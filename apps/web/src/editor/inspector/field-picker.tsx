import { useTranslation } from 'react-i18next';
import type { FieldOption } from './field-options.ts';

/** A dropdown of the flow's fields grouped by source; a path not in the list stays selectable as typed. */
export function FieldPicker(props: {
  id: string;
  label: string;
  value: string;
  fields: readonly FieldOption[];
  onChange: (path: string) => void;
  dataField?: string;
  hideLabel?: boolean;
}) {
  const { t } = useTranslation();
  const groups = new Map<string, FieldOption[]>();
  for (const field of props.fields) groups.set(field.group, [...(groups.get(field.group) ?? []), field]);
  const known = props.fields.some((field) => field.path === props.value);
  return (
    <>
      <label htmlFor={props.id} className={props.hideLabel === false ? undefined : 'visually-hidden'}>
        {props.label}
      </label>
      <select
        id={props.id}
        value={props.value}
        data-field={props.dataField}
        onChange={(event) => props.onChange(event.target.value)}
      >
        {props.value === '' ? <option value="">{t('common.choose')}</option> : null}
        {!known && props.value ? <option value={props.value}>{props.value}</option> : null}
        {[...groups].map(([group, fields]) => (
          <optgroup key={group} label={group}>
            {fields.map((field) => (
              <option key={field.path} value={field.path}>
                {`${group} · ${field.label}`}
              </option>
            ))}
          </optgroup>
        ))}
      </select>
    </>
  );
}
