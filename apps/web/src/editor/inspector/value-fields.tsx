import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { FieldFrame } from './field-frame.tsx';
import type { FieldProps, LabelledFieldProps } from './field-props.ts';
import { useFormContext } from './form-context.ts';
import { ReferenceSelect } from './reference-field.tsx';
import { referenceChoices } from './reference-options.ts';
import { enumLabeller } from './value-labels.ts';
import { useReferenceSources } from './workspace-references-context.tsx';

/** Single-value controls: one input, select or output, labelled above with help below. */

/** What every single-value control carries: its id, its place in the node, its help and whether it is required. */
function controlAttributes(props: LabelledFieldProps) {
  return {
    id: props.id,
    'data-field': props.dataPath,
    'aria-describedby': props.helpId,
    required: props.required,
  };
}

function LabelledControl(props: { field: LabelledFieldProps; children: ReactNode }) {
  const { field } = props;
  return (
    <FieldFrame
      controlId={field.id}
      label={field.label}
      required={field.required}
      help={field.help}
      helpId={field.helpId}
    >
      {props.children}
    </FieldFrame>
  );
}

/** `"42"` → 42, `"true"` → true, anything else stays text. */
function parseScalar(raw: string): string | number | boolean {
  const trimmed = raw.trim();
  if (trimmed === 'true' || trimmed === 'false') return trimmed === 'true';
  return trimmed !== '' && !Number.isNaN(Number(trimmed)) ? Number(trimmed) : raw;
}

export function EnumField(props: FieldProps<'enum'>) {
  const { t } = useTranslation();
  const { locale } = useFormContext();
  const labelOf = enumLabeller(props.kind.values, locale, t);
  return (
    <LabelledControl field={props}>
      <select
        {...controlAttributes(props)}
        value={String(props.value ?? '')}
        onChange={(event) => props.onChange(event.target.value || undefined)}
      >
        {props.required && props.value !== undefined ? null : <option value="">{t('common.notSet')}</option>}
        {props.kind.values.map((value) => (
          <option key={value} value={value}>
            {labelOf(value)}
          </option>
        ))}
      </select>
    </LabelledControl>
  );
}

export function NumberField(props: FieldProps<'number'>) {
  return (
    <LabelledControl field={props}>
      <input
        {...controlAttributes(props)}
        type="number"
        step={props.kind.integer ? 1 : 'any'}
        min={props.schema.minimum}
        max={props.schema.maximum}
        value={typeof props.value === 'number' ? props.value : ''}
        onChange={(event) =>
          props.onChange(event.target.value === '' ? undefined : Number(event.target.value))
        }
      />
    </LabelledControl>
  );
}

/** A checkbox is never required: unticked is an answer. */
export function BooleanField(props: FieldProps<'boolean'>) {
  return (
    <FieldFrame controlId={props.id} label={props.label} help={props.help} helpId={props.helpId} checkbox>
      <input
        {...controlAttributes(props)}
        type="checkbox"
        required={false}
        checked={props.value === true}
        onChange={(event) => props.onChange(event.target.checked)}
      />
    </FieldFrame>
  );
}

/** A number, text or yes/no typed as text; where a list is allowed, commas (also `，`) separate its items. */
export function ScalarField(props: FieldProps<'scalar'>) {
  const { t } = useTranslation();
  const { list } = props.kind;
  const { locale, valueReference } = useFormContext();
  const sources = useReferenceSources();
  // Compared with a category, team or agent field: one of those, by name (see compared-values.ts).
  const reference = valueReference?.(props.dataPath);
  if (reference) {
    return (
      <LabelledControl field={props}>
        <ReferenceSelect
          id={props.id}
          kind={reference}
          value={props.value}
          onChange={(value) => props.onChange(value ?? '')}
          choices={referenceChoices(reference, sources, locale, props.value)}
          locale={locale}
          dataField={props.dataPath}
          describedBy={props.helpId}
          required={props.required}
          optional
        />
      </LabelledControl>
    );
  }
  return (
    <LabelledControl field={props}>
      <input
        {...controlAttributes(props)}
        value={Array.isArray(props.value) ? props.value.join(', ') : String(props.value ?? '')}
        placeholder={list ? t('rules.listPlaceholder') : undefined}
        onChange={(event) => {
          const raw = event.target.value;
          props.onChange(
            list && /[,，]/.test(raw)
              ? raw.split(/[,，]/).map((part) => parseScalar(part))
              : parseScalar(raw),
          );
        }}
      />
    </LabelledControl>
  );
}

export function TextField(props: FieldProps<'text'>) {
  return (
    <LabelledControl field={props}>
      <input
        {...controlAttributes(props)}
        value={String(props.value ?? '')}
        onChange={(event) => props.onChange(event.target.value)}
      />
    </LabelledControl>
  );
}

/** A shape the form cannot edit: shown read-only as JSON. */
export function JsonField(props: FieldProps<'json'>) {
  return (
    <LabelledControl field={props}>
      <output {...controlAttributes(props)}>{JSON.stringify(props.value ?? null)}</output>
    </LabelledControl>
  );
}
