import { Plus, Trash2 } from 'lucide-react';
import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { useFormContext } from './form-context.ts';
import { ObjectFields } from './object-fields.tsx';
import type { SchemaFieldProps } from './schema-field.tsx';
import { classify, defaultFor, type SchemaKind } from './schema-kinds.ts';
import { enumLabeller } from './value-labels.ts';

type ListKind = Extract<SchemaKind, { kind: 'enum-list' | 'text-list' | 'object-list' | 'record' }>;

interface ListFieldProps extends SchemaFieldProps {
  kind: ListKind;
  label: string;
  help?: string;
}

function EnumList(props: ListFieldProps & { values: string[] }) {
  const { t } = useTranslation();
  const { locale } = useFormContext();
  const id = useId();
  const chosen = Array.isArray(props.value) ? (props.value as string[]) : [];
  const labelOf = enumLabeller(props.values, locale, t);
  return (
    <fieldset className="form-group checkbox-group" data-field={props.dataPath}>
      <legend>{props.label}</legend>
      {props.help ? <p className="help">{props.help}</p> : null}
      {props.values.map((value) => (
        <span key={value} className="checkbox-row">
          <input
            id={`${id}-${value}`}
            type="checkbox"
            checked={chosen.includes(value)}
            onChange={(event) =>
              props.onChange(
                event.target.checked ? [...chosen, value] : chosen.filter((existing) => existing !== value),
              )
            }
          />
          <label htmlFor={`${id}-${value}`}>{labelOf(value)}</label>
        </span>
      ))}
    </fieldset>
  );
}

/** Words, dates, examples…: one per line is how people write lists. */
function TextList(props: ListFieldProps) {
  const { t } = useTranslation();
  const id = useId();
  const lines = Array.isArray(props.value) ? (props.value as string[]) : [];
  return (
    <div className="form-group">
      <label htmlFor={id}>{props.label}</label>
      <textarea
        id={id}
        rows={3}
        data-field={props.dataPath}
        aria-describedby={`${id}-help`}
        value={lines.join('\n')}
        onChange={(event) =>
          props.onChange(
            event.target.value
              .split('\n')
              .filter((line, index, all) => line.trim() || index === all.length - 1),
          )
        }
        onBlur={(event) =>
          props.onChange(
            event.target.value
              .split('\n')
              .map((line) => line.trim())
              .filter(Boolean),
          )
        }
      />
      <p id={`${id}-help`} className="help">
        {props.help ? `${props.help} ` : ''}
        {t('inspector.onePerLine')}
      </p>
    </div>
  );
}

function ObjectList(props: ListFieldProps & { item: NonNullable<SchemaFieldProps['schema']> }) {
  const { t } = useTranslation();
  const { root } = useFormContext();
  const items = Array.isArray(props.value) ? (props.value as unknown[]) : [];
  const itemKind = classify(props.item, root);
  const set = (index: number, next: unknown) =>
    props.onChange(items.map((old, at) => (at === index ? next : old)));
  return (
    <fieldset className="form-group" data-field={props.dataPath}>
      <legend>{props.label}</legend>
      {props.help ? <p className="help">{props.help}</p> : null}
      <ol className="item-list">
        {items.map((item, index) => (
          // biome-ignore lint/suspicious/noArrayIndexKey: list items have no id of their own
          <li key={index} className="item-card">
            {itemKind.kind === 'object' ? (
              <ObjectFields
                properties={itemKind.properties}
                required={itemKind.required}
                value={item}
                dataPath={`${props.dataPath}[${index}]`}
                helpPrefix={props.helpKey}
                onChange={(next) => set(index, next)}
              />
            ) : null}
            <button type="button" onClick={() => props.onChange(items.filter((_, at) => at !== index))}>
              <Trash2 size={16} aria-hidden="true" />
              {t('inspector.removeItem', { label: props.label })}
            </button>
          </li>
        ))}
      </ol>
      <button type="button" onClick={() => props.onChange([...items, defaultFor(props.item, root)])}>
        <Plus size={16} aria-hidden="true" />
        {t('inspector.addItem', { label: props.label })}
      </button>
    </fieldset>
  );
}

/** Custom fields and the like: name → value rows. */
function RecordList(props: ListFieldProps) {
  const { t } = useTranslation();
  const id = useId();
  const entries = Object.entries((props.value as Record<string, string> | undefined) ?? {});
  const write = (next: Array<[string, string]>) => props.onChange(Object.fromEntries(next));
  return (
    <fieldset className="form-group" data-field={props.dataPath}>
      <legend>{props.label}</legend>
      {props.help ? <p className="help">{props.help}</p> : null}
      {entries.map(([key, value], index) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: a key may be edited, so the index is the stable identity
        <div key={index} className="record-row">
          <label htmlFor={`${id}-${index}-key`} className="visually-hidden">
            {t('inspector.recordKey')}
          </label>
          <input
            id={`${id}-${index}-key`}
            value={key}
            placeholder={t('inspector.recordKey')}
            onChange={(event) =>
              write(entries.map((entry, at) => (at === index ? [event.target.value, entry[1]] : entry)))
            }
          />
          <label htmlFor={`${id}-${index}-value`} className="visually-hidden">
            {t('inspector.recordValue')}
          </label>
          <input
            id={`${id}-${index}-value`}
            value={value}
            placeholder={t('inspector.recordValue')}
            onChange={(event) =>
              write(entries.map((entry, at) => (at === index ? [entry[0], event.target.value] : entry)))
            }
          />
          <button
            type="button"
            className="icon-button"
            aria-label={t('inspector.removeRow')}
            onClick={() => write(entries.filter((_, at) => at !== index))}
          >
            <Trash2 size={16} aria-hidden="true" />
          </button>
        </div>
      ))}
      <button type="button" onClick={() => write([...entries, [`field${entries.length + 1}`, '']])}>
        <Plus size={16} aria-hidden="true" />
        {t('inspector.addRow')}
      </button>
    </fieldset>
  );
}

export function ListField(props: ListFieldProps) {
  switch (props.kind.kind) {
    case 'enum-list':
      return <EnumList {...props} values={props.kind.values} />;
    case 'text-list':
      return <TextList {...props} />;
    case 'object-list':
      return <ObjectList {...props} item={props.kind.item} />;
    case 'record':
      return <RecordList {...props} />;
  }
}
