import { LOCALES, type Locale } from '@flowdesk/model';
import { useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { nextActiveIndex } from '../../shared/listbox-navigation.ts';
import type { FieldOption } from './field-options.ts';
import { SAMPLE_DATA } from './sample-data.ts';
import { insertPlaceholder, openPlaceholder, previewTemplate } from './template-preview.ts';

const MAX_SUGGESTIONS = 8;

/**
 * One message text with `{{ field }}` completion and a live preview on sample
 * data. The suggestions are a listbox driven from the text area (arrows,
 * Enter to insert, Escape to close), announced by aria-activedescendant; the
 * text area stays a textbox (a combobox role would hide that it takes text).
 */
export function TemplateInput(props: {
  id: string;
  label: string;
  value: string;
  onChange: (value: string) => void;
  fields: readonly FieldOption[];
  dataField: string;
  rows?: number;
}) {
  const { t } = useTranslation();
  const area = useRef<HTMLTextAreaElement>(null);
  const [typed, setTyped] = useState<string>();
  const [active, setActive] = useState(0);
  const suggestions =
    typed === undefined
      ? []
      : props.fields
          .filter((field) => field.path.toLowerCase().includes(typed.toLowerCase()))
          .slice(0, MAX_SUGGESTIONS);

  const open = suggestions.length > 0;
  const activeField = open ? suggestions[Math.min(active, suggestions.length - 1)] : undefined;
  const optionId = (path: string) => `${props.id}-suggestion-${path.replace(/[^A-Za-z0-9_-]/g, '_')}`;
  const track = (value: string, cursor: number) => {
    setTyped(openPlaceholder(value.slice(0, cursor)));
    setActive(0);
  };
  const choose = (path: string) => {
    const element = area.current;
    const cursor = element?.selectionStart ?? props.value.length;
    const next = insertPlaceholder(props.value, cursor, path);
    props.onChange(next.text);
    setTyped(undefined);
    requestAnimationFrame(() => {
      element?.focus();
      element?.setSelectionRange(next.cursor, next.cursor);
    });
  };

  return (
    <div className="template-input">
      <label htmlFor={props.id}>{props.label}</label>
      <textarea
        id={props.id}
        ref={area}
        rows={props.rows ?? 3}
        value={props.value}
        data-field={props.dataField}
        aria-autocomplete="list"
        aria-controls={`${props.id}-suggestions`}
        aria-activedescendant={activeField ? optionId(activeField.path) : undefined}
        aria-describedby={`${props.id}-preview${open ? ` ${props.id}-suggestions-help` : ''}`}
        onChange={(event) => {
          props.onChange(event.target.value);
          track(event.target.value, event.target.selectionStart);
        }}
        onKeyDown={(event) => {
          if (!open) return;
          if (event.key === 'Escape') {
            event.preventDefault();
            setTyped(undefined);
            return;
          }
          if (event.key === 'Enter' && activeField) {
            event.preventDefault();
            choose(activeField.path);
            return;
          }
          if (event.key !== 'ArrowDown' && event.key !== 'ArrowUp') return;
          const next = nextActiveIndex(
            Math.min(active, suggestions.length - 1),
            event.key,
            suggestions.length,
          );
          if (next === undefined) return;
          event.preventDefault();
          setActive(next);
        }}
        onBlur={() => setTyped(undefined)}
      />
      {open ? (
        <>
          <p id={`${props.id}-suggestions-help`} className="visually-hidden">
            {t('template.suggestionsHelp')}
          </p>
          <div
            id={`${props.id}-suggestions`}
            role="listbox"
            className="suggestions"
            aria-label={t('template.suggestions')}
          >
            {suggestions.map((field) => (
              // biome-ignore lint/a11y/useKeyWithClickEvents: the text area carries the keyboard (aria-activedescendant)
              <div
                key={field.path}
                id={optionId(field.path)}
                role="option"
                tabIndex={-1}
                aria-selected={field === activeField}
                onMouseDown={(event) => event.preventDefault()}
                onClick={() => choose(field.path)}
              >
                <code>{field.path}</code> {field.label}
              </div>
            ))}
          </div>
        </>
      ) : null}
      <TemplatePreviewText id={`${props.id}-preview`} template={props.value} />
    </div>
  );
}

/**
 * The text as the customer reads it with the sample data, and apart from it
 * the fields that would be empty: a gap in the text is easy to miss.
 */
function TemplatePreviewText(props: { id: string; template: string }) {
  const { t } = useTranslation();
  const preview = props.template ? previewTemplate(props.template, SAMPLE_DATA) : undefined;
  return (
    <div id={props.id}>
      <p className="template-preview" data-testid="template-preview">
        <span className="muted">{t('template.preview')}: </span>
        {preview ? preview.text : '—'}
      </p>
      {preview && preview.missing.length > 0 ? (
        <p className="warning-text small" data-testid="template-preview-missing">
          {t('template.missingFields', { fields: preview.missing.join(', ') })}
        </p>
      ) : null}
      {preview?.approximate ? <p className="muted small">{t('template.approximate')}</p> : null}
    </div>
  );
}

/** A message in both languages: customers get theirs, or the other one when theirs is empty. */
export function LocalizedTemplateField(props: {
  label: string;
  help?: string;
  value: Partial<Record<Locale, string>> | undefined;
  onChange: (value: Partial<Record<Locale, string>>) => void;
  fields: readonly FieldOption[];
  dataField: string;
}) {
  const { t } = useTranslation();
  const id = useId();
  const value = props.value ?? {};
  return (
    <fieldset className="form-group" data-field={props.dataField}>
      <legend>{props.label}</legend>
      {props.help ? <p className="help">{props.help}</p> : null}
      {LOCALES.map((locale) => (
        <TemplateInput
          key={locale}
          id={`${id}-${locale}`}
          label={t(`template.language.${locale}`)}
          value={value[locale] ?? ''}
          fields={props.fields}
          dataField={`${props.dataField}.${locale}`}
          onChange={(text) => {
            const { [locale]: _old, ...rest } = value;
            props.onChange(text ? { ...rest, [locale]: text } : rest);
          }}
        />
      ))}
    </fieldset>
  );
}
