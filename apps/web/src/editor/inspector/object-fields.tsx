import { useTranslation } from 'react-i18next';
import { FieldFrame, FieldGroupFrame } from './field-frame.tsx';
import type { FieldProps } from './field-props.ts';
import { useFieldText } from './field-text.ts';
import { arrangeFields } from './field-visibility.ts';
import { useFormContext } from './form-context.ts';
import { defaultFor, type JsonSchema } from './schema-kinds.ts';
import { enumLabeller } from './value-labels.ts';

/** Objects and discriminated unions: each property as its own SchemaField (taken from the form context). */

function asRecord(value: unknown): Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : {};
}

/** An object's properties, each as its own field; empty optional values are dropped, not stored as "". */
export function ObjectFields(props: {
  properties: Record<string, JsonSchema>;
  required: readonly string[];
  value: unknown;
  onChange: (value: Record<string, unknown>) => void;
  dataPath: string;
  helpPrefix: string;
}) {
  const { t } = useTranslation();
  const { SchemaField, help } = useFormContext();
  const current = asRecord(props.value);
  const setKey = (key: string, next: unknown) => {
    const { [key]: _old, ...rest } = current;
    const empty = next === undefined || (next === '' && !props.required.includes(key));
    props.onChange(empty ? rest : { ...rest, [key]: next });
  };
  const helpKeyOf = (key: string) => (props.helpPrefix ? `${props.helpPrefix}.${key}` : key);
  const { basic, advanced } = arrangeFields(props.properties, current, (key) => help[helpKeyOf(key)]);
  const field = ([key, schema]: [string, JsonSchema]) => (
    <SchemaField
      key={key}
      schema={schema}
      name={key}
      value={current[key]}
      required={props.required.includes(key)}
      dataPath={`${props.dataPath}.${key}`}
      helpKey={helpKeyOf(key)}
      onChange={(next) => setKey(key, next)}
    />
  );
  return (
    <>
      {basic.map(field)}
      {advanced.length > 0 ? (
        <details className="advanced-fields" data-testid="advanced-fields">
          <summary>{t('inspector.advancedSettings')}</summary>
          {advanced.map(field)}
        </details>
      ) : null}
    </>
  );
}

export function ObjectField(props: FieldProps<'object'>) {
  return (
    <FieldGroupFrame legend={props.label} help={props.help} helpId={props.helpId} dataField={props.dataPath}>
      <ObjectFields
        properties={props.kind.properties}
        required={props.kind.required}
        value={props.value}
        onChange={props.onChange}
        dataPath={props.dataPath}
        helpPrefix={props.helpKey}
      />
    </FieldGroupFrame>
  );
}

/** One of several shapes told apart by a key (`mode`, `kind`…): a select for the key, then the chosen shape's fields. */
export function UnionField(props: FieldProps<'union'>) {
  const { t } = useTranslation();
  const { root, locale } = useFormContext();
  const { key: discriminator, options } = props.kind;
  const current = asRecord(props.value);
  const values = options.map((option) => String(option.properties?.[discriminator]?.const));
  const chosen = String(current[discriminator] ?? values[0]);
  const option = options[Math.max(0, values.indexOf(chosen))] ?? {};
  const text = useFieldText(
    props.helpKey ? `${props.helpKey}.${discriminator}` : discriminator,
    discriminator,
  );
  const labelOf = enumLabeller(values, locale, t);
  const { [discriminator]: _key, ...others } = option.properties ?? {};
  return (
    <FieldFrame controlId={props.id} label={text.label}>
      <select
        id={props.id}
        value={chosen}
        data-field={`${props.dataPath}.${discriminator}`}
        onChange={(event) => {
          const next = options[values.indexOf(event.target.value)];
          if (next) props.onChange(defaultFor(next, root));
        }}
      >
        {values.map((value) => (
          <option key={value} value={value}>
            {labelOf(value)}
          </option>
        ))}
      </select>
      <ObjectFields
        properties={others}
        required={option.required ?? []}
        value={current}
        dataPath={props.dataPath}
        helpPrefix={props.helpKey}
        onChange={(next) => props.onChange({ ...next, [discriminator]: chosen })}
      />
    </FieldFrame>
  );
}
