import type { Duration, RuleGroup } from '@flowdesk/model';
import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { DurationField } from './duration-field.tsx';
import { FieldPicker } from './field-picker.tsx';
import { useFieldText } from './field-text.ts';
import { useFormContext } from './form-context.ts';
import { ListField } from './list-fields.tsx';
import { ObjectFields, UnionField } from './object-fields.tsx';
import { RuleBuilder } from './rule-builder.tsx';
import { classify, type JsonSchema, resolve } from './schema-kinds.ts';
import { LocalizedTemplateField, TemplateInput } from './template-field.tsx';
import { enumLabeller } from './value-labels.ts';

/**
 * One config value rendered from its JSON Schema: the control is chosen by
 * shape (see schema-kinds.ts), the label and help come from the catalog's
 * `fields` under `helpKey` (its path without list indices).
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

function parseScalar(raw: string): string | number | boolean {
  const trimmed = raw.trim();
  if (trimmed === 'true' || trimmed === 'false') return trimmed === 'true';
  return trimmed !== '' && !Number.isNaN(Number(trimmed)) ? Number(trimmed) : raw;
}

export function SchemaField(props: SchemaFieldProps) {
  const { t } = useTranslation();
  const { root, fields, locale } = useFormContext();
  const id = useId();
  const text = useFieldText(props.helpKey, props.name);
  const schema = resolve(props.schema, root);
  const kind = classify(schema, root);
  const helpId = text.help ? `${id}-help` : undefined;
  const helpText = text.help ? (
    <p id={helpId} className="help">
      {text.help}
    </p>
  ) : null;
  const simple = (control: React.ReactNode) => (
    <div className="form-group">
      <label htmlFor={id}>
        {text.label}
        {props.required ? <span aria-hidden="true"> *</span> : null}
      </label>
      {control}
      {helpText}
    </div>
  );
  const common = { id, 'data-field': props.dataPath, 'aria-describedby': helpId, required: props.required };

  switch (kind.kind) {
    case 'hidden':
      return null;
    case 'rules':
      return (
        <div className="form-group">
          <RuleBuilder
            group={
              (props.value as RuleGroup | undefined) ?? { kind: 'group', combinator: 'all', children: [] }
            }
            onChange={props.onChange}
            fields={fields}
            path={props.dataPath}
          />
        </div>
      );
    case 'localized':
      return (
        <LocalizedTemplateField
          label={text.label}
          {...(text.help ? { help: text.help } : {})}
          value={props.value as Record<string, string> | undefined}
          onChange={props.onChange}
          fields={fields}
          dataField={props.dataPath}
        />
      );
    case 'duration':
      return (
        <DurationField
          label={text.label}
          {...(text.help ? { help: text.help } : {})}
          value={props.value as Partial<Duration> | undefined}
          onChange={props.onChange}
          dataField={props.dataPath}
        />
      );
    case 'union':
      return <UnionField {...props} discriminator={kind.key} options={kind.options} />;
    case 'object':
      return (
        <fieldset className="form-group" data-field={props.dataPath}>
          <legend>{text.label}</legend>
          {helpText}
          <ObjectFields
            properties={kind.properties}
            required={kind.required}
            value={props.value}
            onChange={props.onChange}
            dataPath={props.dataPath}
            helpPrefix={props.helpKey}
          />
        </fieldset>
      );
    case 'enum-list':
    case 'text-list':
    case 'object-list':
    case 'record':
      return (
        <ListField {...props} kind={kind} label={text.label} {...(text.help ? { help: text.help } : {})} />
      );
    case 'enum': {
      const labelOf = enumLabeller(kind.values, locale, t);
      return simple(
        <select
          {...common}
          value={String(props.value ?? '')}
          onChange={(event) => props.onChange(event.target.value || undefined)}
        >
          {props.required && props.value !== undefined ? null : (
            <option value="">{t('common.notSet')}</option>
          )}
          {kind.values.map((value) => (
            <option key={value} value={value}>
              {labelOf(value)}
            </option>
          ))}
        </select>,
      );
    }
    case 'field-path':
      return (
        <div className="form-group">
          <FieldPicker
            id={id}
            label={text.label}
            hideLabel={false}
            value={String(props.value ?? '')}
            fields={fields}
            onChange={props.onChange}
            dataField={props.dataPath}
          />
          {helpText}
        </div>
      );
    case 'template':
      return (
        <div className="form-group">
          <TemplateInput
            id={id}
            label={text.label}
            value={String(props.value ?? '')}
            onChange={props.onChange}
            fields={fields}
            dataField={props.dataPath}
            rows={2}
          />
          {helpText}
        </div>
      );
    case 'number':
      return simple(
        <input
          {...common}
          type="number"
          step={kind.integer ? 1 : 'any'}
          min={schema.minimum}
          max={schema.maximum}
          value={typeof props.value === 'number' ? props.value : ''}
          onChange={(event) =>
            props.onChange(event.target.value === '' ? undefined : Number(event.target.value))
          }
        />,
      );
    case 'boolean':
      return (
        <div className="form-group checkbox-row">
          <input
            {...common}
            type="checkbox"
            required={false}
            checked={props.value === true}
            onChange={(event) => props.onChange(event.target.checked)}
          />
          <label htmlFor={id}>{text.label}</label>
          {helpText}
        </div>
      );
    case 'scalar':
      return simple(
        <input
          {...common}
          value={Array.isArray(props.value) ? props.value.join(', ') : String(props.value ?? '')}
          placeholder={kind.list ? t('rules.listPlaceholder') : undefined}
          onChange={(event) => {
            const raw = event.target.value;
            props.onChange(
              kind.list && /[,，]/.test(raw)
                ? raw.split(/[,，]/).map((part) => parseScalar(part))
                : parseScalar(raw),
            );
          }}
        />,
      );
    case 'text':
      return simple(
        <input
          {...common}
          value={String(props.value ?? '')}
          onChange={(event) => props.onChange(event.target.value)}
        />,
      );
    case 'json':
      return simple(<output {...common}>{JSON.stringify(props.value ?? null)}</output>);
  }
}
