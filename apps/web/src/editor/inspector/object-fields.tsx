import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { useFieldText } from './field-text.ts';
import { useFormContext } from './form-context.ts';
import { SchemaField, type SchemaFieldProps } from './schema-field.tsx';
import { defaultFor, type JsonSchema } from './schema-kinds.ts';
import { enumLabeller } from './value-labels.ts';

/** Objects and discriminated unions: each property as its own SchemaField. */

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
  const current = asRecord(props.value);
  const setKey = (key: string, next: unknown) => {
    const { [key]: _old, ...rest } = current;
    const empty = next === undefined || (next === '' && !props.required.includes(key));
    props.onChange(empty ? rest : { ...rest, [key]: next });
  };
  return (
    <>
      {Object.entries(props.properties).map(([key, schema]) => (
        <SchemaField
          key={key}
          schema={schema}
          name={key}
          value={current[key]}
          required={props.required.includes(key)}
          dataPath={`${props.dataPath}.${key}`}
          helpKey={props.helpPrefix ? `${props.helpPrefix}.${key}` : key}
          onChange={(next) => setKey(key, next)}
        />
      ))}
    </>
  );
}

export function UnionField(props: SchemaFieldProps & { discriminator: string; options: JsonSchema[] }) {
  const { t } = useTranslation();
  const { root, locale } = useFormContext();
  const id = useId();
  const current = asRecord(props.value);
  const values = props.options.map((option) => String(option.properties?.[props.discriminator]?.const));
  const chosen = String(current[props.discriminator] ?? values[0]);
  const option = props.options[Math.max(0, values.indexOf(chosen))] ?? {};
  const text = useFieldText(
    props.helpKey ? `${props.helpKey}.${props.discriminator}` : props.discriminator,
    props.discriminator,
  );
  const labelOf = enumLabeller(values, locale, t);
  const { [props.discriminator]: _key, ...others } = option.properties ?? {};
  return (
    <div className="form-group">
      <label htmlFor={id}>{text.label}</label>
      <select
        id={id}
        value={chosen}
        data-field={`${props.dataPath}.${props.discriminator}`}
        onChange={(event) => {
          const next = props.options[values.indexOf(event.target.value)];
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
        onChange={(next) => props.onChange({ ...next, [props.discriminator]: chosen })}
      />
    </div>
  );
}
