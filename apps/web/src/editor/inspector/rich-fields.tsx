import { type Duration, LOCALES, type Locale, type RuleGroup } from '@flowdesk/model';
import { useTranslation } from 'react-i18next';
import { DurationField } from './duration-field.tsx';
import { FieldFrame } from './field-frame.tsx';
import { FieldPicker } from './field-picker.tsx';
import type { FieldProps } from './field-props.ts';
import { useFormContext } from './form-context.ts';
import { RuleBuilder } from './rule-builder.tsx';
import { LocalizedTemplateField, TemplateInput } from './template-field.tsx';

/** Kinds with a control of their own (rule builder, template editor, field picker…), which labels itself. */

const EMPTY_RULES: RuleGroup = { kind: 'group', combinator: 'all', children: [] };

export function RulesField(props: FieldProps<'rules'>) {
  const { fields } = useFormContext();
  return (
    <FieldFrame>
      <RuleBuilder
        group={(props.value as RuleGroup | undefined) ?? EMPTY_RULES}
        onChange={props.onChange}
        fields={fields}
        path={props.dataPath}
      />
    </FieldFrame>
  );
}

/**
 * A template per language. A field that also takes one template for every language (a ticket's
 * title saved before titles had languages) shows it in both; the first edit keeps it for the other.
 */
export function LocalizedField(props: FieldProps<'localized'>) {
  const { fields } = useFormContext();
  const value =
    typeof props.value === 'string'
      ? { 'zh-CN': props.value, en: props.value }
      : (props.value as Record<string, string> | undefined);
  return (
    <LocalizedTemplateField
      label={props.label}
      help={props.help}
      value={value}
      onChange={props.onChange}
      fields={fields}
      dataField={props.dataPath}
    />
  );
}

/**
 * A plain name in each language (a Classify category's label). A config saved
 * with one name for all languages shows it in both inputs; the first edit keeps
 * it for the other language and stores a name per language.
 */
export function LocalizedTextField(props: FieldProps<'localized-text'>) {
  const { t } = useTranslation();
  const value: Record<Locale, string> =
    typeof props.value === 'string'
      ? { 'zh-CN': props.value, en: props.value }
      : { 'zh-CN': '', en: '', ...(props.value as Partial<Record<Locale, string>> | undefined) };
  return (
    <fieldset className="form-group" data-field={props.dataPath} aria-describedby={props.helpId}>
      <legend>
        {props.label}
        {props.required ? <span aria-hidden="true"> *</span> : null}
      </legend>
      {LOCALES.map((locale) => (
        <div key={locale} className="form-group">
          <label htmlFor={`${props.id}-${locale}`}>{t(`template.language.${locale}`)}</label>
          <input
            id={`${props.id}-${locale}`}
            data-field={`${props.dataPath}.${locale}`}
            maxLength={props.kind.maxLength}
            value={value[locale]}
            onChange={(event) => props.onChange({ ...value, [locale]: event.target.value })}
          />
        </div>
      ))}
      {props.help ? (
        <p id={props.helpId} className="help">
          {props.help}
        </p>
      ) : null}
    </fieldset>
  );
}

/** An amount and a unit (see DurationField). */
export function DurationValueField(props: FieldProps<'duration'>) {
  return (
    <DurationField
      label={props.label}
      help={props.help}
      value={props.value as Partial<Duration> | undefined}
      onChange={props.onChange}
      dataField={props.dataPath}
    />
  );
}

/** A path such as `request.email`, picked from the fields the flow has at this step. */
export function FieldPathField(props: FieldProps<'field-path'>) {
  const { fields } = useFormContext();
  return (
    <FieldFrame help={props.help} helpId={props.helpId}>
      <FieldPicker
        id={props.id}
        label={props.label}
        hideLabel={false}
        value={String(props.value ?? '')}
        fields={fields}
        onChange={props.onChange}
        dataField={props.dataPath}
      />
    </FieldFrame>
  );
}

export function TemplateField(props: FieldProps<'template'>) {
  const { fields } = useFormContext();
  return (
    <FieldFrame help={props.help} helpId={props.helpId}>
      <TemplateInput
        id={props.id}
        label={props.label}
        value={String(props.value ?? '')}
        onChange={props.onChange}
        fields={fields}
        dataField={props.dataPath}
        rows={2}
      />
    </FieldFrame>
  );
}
