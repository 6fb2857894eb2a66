import { Plus, Trash2 } from 'lucide-react';
import { useTranslation } from 'react-i18next';
import { FieldFrame, FieldGroupFrame } from './field-frame.tsx';
import type { FieldProps } from './field-props.ts';
import { useFormContext } from './form-context.ts';
import { ObjectFields } from './object-fields.tsx';
import { classify, defaultFor } from './schema-kinds.ts';
import { enumLabeller } from './value-labels.ts';

/** Values that hold many: a set of choices, lines of text, a list of objects, name → value rows. */

export function EnumListField(props: FieldProps<'enum-list'>) {
  const { t } = useTranslation();
  const { locale } = useFormContext();
  const chosen = Array.isArray(props.value) ? (props.value as string[]) : [];
  const labelOf = enumLabeller(props.kind.values, locale, t);
  return (
    <FieldGroupFrame
      className="form-group checkbox-group"
      legend={props.label}
      help={props.help}
      dataField={props.dataPath}
    >
      {props.kind.values.map((value) => (
        <span key={value} className="checkbox-row">
          <input
            id={`${props.id}-${value}`}
            type="checkbox"
            checked={chosen.includes(value)}
            onChange={(event) =>
              props.onChange(
                event.target.checked ? [...chosen, value] : chosen.filter((existing) => existing !== value),
              )
            }
          />
          <label htmlFor={`${props.id}-${value}`}>{labelOf(value)}</label>
        </span>
      ))}
    </FieldGroupFrame>
  );
}

/** Words, dates, examples…: one per line is how people write lists. */
export function TextListField(props: FieldProps<'text-list'>) {
  const { t } = useTranslation();
  const lines = Array.isArray(props.value) ? (props.value as string[]) : [];
  const helpId = `${props.id}-help`;
  return (
    <FieldFrame
      controlId={props.id}
      label={props.label}
      help={
        <>
          {props.help ? `${props.help} ` : ''}
          {t('inspector.onePerLine')}
        </>
      }
      helpId={helpId}
    >
      <textarea
        id={props.id}
        rows={3}
        data-field={props.dataPath}
        aria-describedby={helpId}
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
    </FieldFrame>
  );
}

export function ObjectListField(props: FieldProps<'object-list'>) {
  const { t } = useTranslation();
  const { root } = useFormContext();
  const { item } = props.kind;
  const items = Array.isArray(props.value) ? (props.value as unknown[]) : [];
  const itemKind = classify(item, root);
  const set = (index: number, next: unknown) =>
    props.onChange(items.map((old, at) => (at === index ? next : old)));
  return (
    <FieldGroupFrame legend={props.label} help={props.help} dataField={props.dataPath}>
      <ol className="item-list">
        {items.map((value, index) => (
          // biome-ignore lint/suspicious/noArrayIndexKey: list items have no id of their own
          <li key={index} className="item-card">
            {itemKind.kind === 'object' ? (
              <ObjectFields
                properties={itemKind.properties}
                required={itemKind.required}
                value={value}
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
      <button type="button" onClick={() => props.onChange([...items, defaultFor(item, root)])}>
        <Plus size={16} aria-hidden="true" />
        {t('inspector.addItem', { label: props.label })}
      </button>
    </FieldGroupFrame>
  );
}

/** Custom fields and the like: name → value rows. */
export function RecordField(props: FieldProps<'record'>) {
  const { t } = useTranslation();
  const { id } = props;
  const entries = Object.entries((props.value as Record<string, string> | undefined) ?? {});
  const write = (next: Array<[string, string]>) => props.onChange(Object.fromEntries(next));
  return (
    <FieldGroupFrame legend={props.label} help={props.help} dataField={props.dataPath}>
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
    </FieldGroupFrame>
  );
}
