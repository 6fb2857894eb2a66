import { type Locale, message, REFERENCE_KIND_NAMES, type ReferenceKind } from '@flowdesk/model';
import { useTranslation } from 'react-i18next';
import { FieldFrame } from './field-frame.tsx';
import type { FieldProps } from './field-props.ts';
import { useFormContext } from './form-context.ts';
import type { ReferenceChoices } from './reference-options.ts';
import { referenceChoices } from './reference-options.ts';
import { useReferenceSources } from './workspace-references-context.tsx';

/**
 * A dropdown of the records a field names by id (teams, agents, templates,
 * categories…). The stored value stays selected even when the list lacks it,
 * marked as unknown with the linter's own words, so the admin sees at the
 * field what the problems list says.
 */
export function ReferenceSelect(props: {
  id: string;
  kind: ReferenceKind;
  value: unknown;
  onChange: (value: string | undefined) => void;
  choices: ReferenceChoices;
  locale: Locale;
  dataField: string;
  /** Offer "not set" (optional fields, rule values not chosen yet). */
  optional?: boolean;
  describedBy?: string | undefined;
  required?: boolean | undefined;
}) {
  const { t } = useTranslation();
  const { choices, unknown } = props.choices;
  const name = REFERENCE_KIND_NAMES[props.kind];
  const warningId = `${props.id}-unknown`;
  const describedBy = [props.describedBy, unknown !== undefined ? warningId : undefined]
    .filter(Boolean)
    .join(' ');
  const warning =
    unknown === undefined
      ? undefined
      : message('reference.unknown', { value: unknown, kindZh: name['zh-CN'], kindEn: name.en })[
          props.locale
        ];
  return (
    <>
      <select
        id={props.id}
        data-field={props.dataField}
        value={typeof props.value === 'string' ? props.value : ''}
        aria-invalid={unknown !== undefined ? true : undefined}
        aria-describedby={describedBy || undefined}
        required={props.required}
        onChange={(event) => props.onChange(event.target.value || undefined)}
      >
        {props.optional || props.value === undefined || props.value === '' ? (
          <option value="">{t('common.notSet')}</option>
        ) : null}
        {choices.map((choice) => (
          <option key={choice.id} value={choice.id}>
            {choice.id === unknown ? `⚠ ${choice.label}` : choice.label}
          </option>
        ))}
      </select>
      {warning ? (
        <p id={warningId} className="help error-text">
          {warning}
        </p>
      ) : null}
    </>
  );
}

/** The inspector's control for a config field whose catalog entry says what it refers to. */
export function ReferenceField(props: FieldProps<'reference'>) {
  const { locale } = useFormContext();
  const choices = referenceChoices(
    props.kind.refersTo,
    useReferenceSources(),
    locale,
    props.value,
    props.kind.builtIn,
  );
  return (
    <FieldFrame
      controlId={props.id}
      label={props.label}
      required={props.required}
      help={props.help}
      helpId={props.helpId}
    >
      <ReferenceSelect
        id={props.id}
        kind={props.kind.refersTo}
        value={props.value}
        onChange={props.onChange}
        choices={choices}
        locale={locale}
        dataField={props.dataPath}
        optional={!props.required}
        describedBy={props.helpId}
        required={props.required}
      />
    </FieldFrame>
  );
}
