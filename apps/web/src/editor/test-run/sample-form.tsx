import { CHANNELS, type Channel } from '@flowdesk/model';
import { Plus, X } from 'lucide-react';
import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { useLocale } from '../../i18n/i18n.ts';
import type { CustomFieldRow, TestSample } from './test-sample.ts';

type RequestSample = Extract<TestSample, { kind: 'request' }>;

/** The sample a test run starts from: a plain request form, or JSON for other triggers. */
export function SampleForm(props: { sample: TestSample; onChange: (sample: TestSample) => void }) {
  const { t } = useTranslation();
  const id = useId();
  const { sample, onChange } = props;
  if (sample.kind === 'event') {
    return (
      <div className="form-group">
        <label htmlFor={`${id}-json`}>{t('testRun.eventData')}</label>
        <textarea
          id={`${id}-json`}
          className="code-textarea"
          rows={8}
          spellCheck={false}
          value={sample.json}
          onChange={(event) => onChange({ kind: 'event', json: event.target.value })}
        />
        <p className="help">{t('testRun.eventHelp')}</p>
      </div>
    );
  }
  return <RequestForm sample={sample} onChange={onChange} />;
}

function RequestForm({
  sample,
  onChange,
}: {
  sample: RequestSample;
  onChange: (sample: TestSample) => void;
}) {
  const { t } = useTranslation();
  const locale = useLocale();
  const id = useId();
  const set = (patch: Partial<RequestSample>) => onChange({ ...sample, ...patch });
  const setRow = (index: number, patch: Partial<CustomFieldRow>) =>
    set({
      customFields: sample.customFields.map((row, position) =>
        position === index ? { ...row, ...patch } : row,
      ),
    });
  const text = (field: 'name' | 'phone' | 'email' | 'subject', label: string, type = 'text') => (
    <div className="form-group">
      <label htmlFor={`${id}-${field}`}>{label}</label>
      <input
        id={`${id}-${field}`}
        type={type}
        value={sample[field]}
        onChange={(event) => set({ [field]: event.target.value })}
      />
    </div>
  );

  return (
    <fieldset className="inspector-form">
      <legend className="visually-hidden">{t('testRun.sample')}</legend>
      <div className="form-group">
        <label htmlFor={`${id}-channel`}>{t('testRun.channel')}</label>
        <select
          id={`${id}-channel`}
          value={sample.channel}
          onChange={(event) => set({ channel: event.target.value as Channel })}
        >
          {CHANNELS.values.map((channel) => (
            <option key={channel} value={channel}>
              {CHANNELS.labels[channel][locale]}
            </option>
          ))}
        </select>
      </div>
      {text('name', t('testRun.customerName'))}
      {text('phone', t('testRun.customerPhone'), 'tel')}
      {text('email', t('testRun.customerEmail'), 'email')}
      {text('subject', t('testRun.subject'))}
      <div className="form-group">
        <label htmlFor={`${id}-message`}>{t('testRun.message')}</label>
        <textarea
          id={`${id}-message`}
          rows={3}
          value={sample.message}
          onChange={(event) => set({ message: event.target.value })}
        />
      </div>
      <fieldset className="form-group">
        <legend>{t('testRun.customFields')}</legend>
        {sample.customFields.map((row, index) => (
          // biome-ignore lint/suspicious/noArrayIndexKey: rows have no identity but their place; keys may be empty or repeated while typing
          <div className="record-row" key={index}>
            <input
              aria-label={t('testRun.fieldKey')}
              value={row.key}
              onChange={(event) => setRow(index, { key: event.target.value })}
            />
            <input
              aria-label={t('testRun.fieldValue')}
              value={row.value}
              onChange={(event) => setRow(index, { value: event.target.value })}
            />
            <button
              type="button"
              className="icon-button"
              aria-label={t('testRun.removeField')}
              onClick={() =>
                set({ customFields: sample.customFields.filter((_row, position) => position !== index) })
              }
            >
              <X size={14} aria-hidden />
            </button>
          </div>
        ))}
        <button
          type="button"
          onClick={() => set({ customFields: [...sample.customFields, { key: '', value: '' }] })}
        >
          <Plus size={14} aria-hidden /> {t('testRun.addField')}
        </button>
      </fieldset>
    </fieldset>
  );
}
