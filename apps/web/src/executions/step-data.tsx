import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useLocale } from '../i18n/i18n.ts';
import { labelledFields } from './step-fields.ts';

/** One side of a step (input or output) as labelled fields. */
function FieldList(props: { title: string; value: unknown; nodeType: string }) {
  const { t } = useTranslation();
  const locale = useLocale();
  const fields = labelledFields(props.value, props.nodeType, locale);
  return (
    <div className="step-fields">
      <h3>{props.title}</h3>
      {fields.length === 0 ? (
        <p className="muted small">{t('executions.nothing')}</p>
      ) : (
        <dl>
          {fields.map((field) => (
            <div key={field.path || '(value)'} className="step-field">
              <dt title={field.path}>{field.label || props.title}</dt>
              <dd>{field.value}</dd>
            </div>
          ))}
        </dl>
      )}
    </div>
  );
}

/** A step's input and output, labelled as the editor names fields, with the raw JSON on demand. */
export function StepData(props: { nodeType: string; input: unknown; output: unknown }) {
  const { t } = useTranslation();
  const [json, setJson] = useState(false);
  return (
    <div className="step-data">
      <FieldList title={t('executions.input')} value={props.input} nodeType={props.nodeType} />
      <FieldList title={t('executions.output')} value={props.output} nodeType={props.nodeType} />
      <button type="button" className="link-button small" aria-pressed={json} onClick={() => setJson(!json)}>
        {json ? t('executions.hideJson') : t('executions.showJson')}
      </button>
      {json ? <pre>{JSON.stringify({ input: props.input, output: props.output }, null, 2)}</pre> : null}
    </div>
  );
}
