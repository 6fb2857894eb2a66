import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { apiErrorMessage } from '../api/api-error.ts';
import { useTRPC } from '../api/trpc.ts';
import { useLocale } from '../i18n/i18n.ts';
import { type ChannelField, type FieldValue, formValueOf, settingsPatch } from './channel-fields.ts';

interface ChannelView {
  channel: string;
  enabled: boolean;
  settings: Record<string, unknown>;
  secretsSet: Record<string, boolean>;
  /** The stored settings no longer fit (an older format): the channel is off until saved again. */
  invalid?: boolean;
}

/** Settings → Channels: switch each intake channel on or off and set it up (admins). */
export function ChannelsSection() {
  const { t } = useTranslation();
  const locale = useLocale();
  const trpc = useTRPC();
  const channels = useQuery(trpc.channels.list.queryOptions());
  const forms = useQuery(trpc.channels.forms.queryOptions());
  const failed = channels.error ?? forms.error;
  return (
    <section className="card" aria-labelledby="settings-channels">
      <h2 id="settings-channels">{t('channels.title')}</h2>
      <p className="muted">{t('channels.help')}</p>
      {failed ? (
        <p role="alert" className="error-text">
          {apiErrorMessage(failed, locale, t('common.failed'))}
        </p>
      ) : null}
      {forms.data
        ? channels.data?.map((view) => (
            <ChannelForm
              key={`${view.channel}:${JSON.stringify(view)}`}
              view={view}
              fields={forms.data[view.channel] ?? []}
            />
          ))
        : null}
    </section>
  );
}

function ChannelForm({ view, fields }: { view: ChannelView; fields: readonly ChannelField[] }) {
  const { t } = useTranslation();
  const locale = useLocale();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const id = useId();
  const [enabled, setEnabled] = useState(view.enabled);
  const [values, setValues] = useState<Record<string, FieldValue>>(() =>
    Object.fromEntries(fields.map((field) => [field.key, formValueOf(field, view.settings[field.key])])),
  );
  const [touched, setTouched] = useState<ReadonlySet<string>>(() => new Set());
  const save = useMutation(
    trpc.channels.update.mutationOptions({
      onSuccess: () => void queryClient.invalidateQueries({ queryKey: trpc.channels.list.queryKey() }),
    }),
  );
  const change = (key: string, value: FieldValue) => {
    setValues({ ...values, [key]: value });
    setTouched(new Set(touched).add(key));
  };
  const submit = (event: FormEvent) => {
    event.preventDefault();
    save.mutate({
      channel: view.channel as 'email',
      enabled,
      settings: settingsPatch(fields, values, touched),
    });
  };

  return (
    <form className="channel-form" onSubmit={submit} aria-labelledby={`${id}-title`}>
      <h3 id={`${id}-title`}>{t(`channels.name.${view.channel}`)}</h3>
      <p className="muted small">{t(`channels.about.${view.channel}`)}</p>
      {view.invalid ? (
        <p role="alert" className="error-text">
          {t('channels.invalid')}
        </p>
      ) : null}
      <label className="checkbox-row">
        <input type="checkbox" checked={enabled} onChange={(event) => setEnabled(event.target.checked)} />
        {t('channels.enabled')}
      </label>
      {widgetNeedsOrigin(view) ? (
        <p role="status" className="notice">
          {t('channels.widgetNeedsOrigin')}
        </p>
      ) : null}
      {fields.map((field) => (
        <FieldInput
          key={field.key}
          id={`${id}-${field.key}`}
          channel={view.channel}
          field={field}
          value={values[field.key] ?? ''}
          secretSet={view.secretsSet[field.key] === true}
          onChange={(value) => change(field.key, value)}
        />
      ))}
      {view.channel === 'widget' ? <EmbedSnippet /> : null}
      <div className="button-row">
        <button type="submit" className="primary" disabled={save.isPending}>
          {t('channels.save')}
        </button>
        {save.isSuccess ? <span role="status">{t('channels.saved')}</span> : null}
      </div>
      {save.error ? (
        <p role="alert" className="error-text">
          {apiErrorMessage(save.error, locale, t('common.failed'))}
        </p>
      ) : null}
    </form>
  );
}

function FieldInput(props: {
  id: string;
  channel: string;
  field: ChannelField;
  value: FieldValue;
  secretSet: boolean;
  onChange: (value: FieldValue) => void;
}) {
  const { t } = useTranslation();
  const { id, field, value, onChange } = props;
  const label = t(`channels.field.${props.channel}.${field.key}`);
  switch (field.kind) {
    case 'boolean':
      return (
        <label className="checkbox-row">
          <input
            type="checkbox"
            checked={value === true}
            onChange={(event) => onChange(event.target.checked)}
          />
          {label}
        </label>
      );
    case 'mode':
      return (
        <div className="form-group">
          <label htmlFor={id}>{label}</label>
          <select id={id} value={String(value)} onChange={(event) => onChange(event.target.value)}>
            <option value="chat">{t('channels.mode.chat')}</option>
            <option value="form">{t('channels.mode.form')}</option>
          </select>
        </div>
      );
    case 'list':
      return (
        <div className="form-group">
          <label htmlFor={id}>{label}</label>
          <textarea
            id={id}
            rows={3}
            value={String(value)}
            onChange={(event) => onChange(event.target.value)}
          />
          <span className="help">{t('channels.listHelp')}</span>
        </div>
      );
    case 'greeting': {
      const [zh = '', en = ''] = String(value).split('\n');
      return (
        <fieldset className="form-group">
          <legend>{label}</legend>
          <label htmlFor={`${id}-zh`}>{t('template.language.zh-CN')}</label>
          <input
            id={`${id}-zh`}
            value={zh}
            maxLength={300}
            onChange={(event) => onChange(`${event.target.value}\n${en}`)}
          />
          <label htmlFor={`${id}-en`}>{t('template.language.en')}</label>
          <input
            id={`${id}-en`}
            value={en}
            maxLength={300}
            onChange={(event) => onChange(`${zh}\n${event.target.value}`)}
          />
        </fieldset>
      );
    }
    default:
      return (
        <div className="form-group">
          <label htmlFor={id}>{label}</label>
          <input
            id={id}
            type={field.kind === 'secret' ? 'password' : field.kind === 'number' ? 'number' : 'text'}
            autoComplete={field.kind === 'secret' ? 'new-password' : 'off'}
            placeholder={field.kind === 'secret' && props.secretSet ? t('channels.secretKept') : ''}
            value={String(value)}
            onChange={(event) => onChange(event.target.value)}
          />
          {field.kind === 'secret' ? (
            <span className="help">
              {props.secretSet ? t('channels.secretIsSet') : t('channels.secretNotSet')}
            </span>
          ) : null}
        </div>
      );
  }
}

/** The server keeps the widget off until a site is allowed; say so beside its switch. */
function widgetNeedsOrigin(view: ChannelView): boolean {
  const origins = view.settings.allowedOrigins;
  return view.channel === 'widget' && (!Array.isArray(origins) || origins.length === 0);
}

/** The line a site owner pastes into their pages to show the widget. */
function EmbedSnippet() {
  const { t } = useTranslation();
  const id = useId();
  const snippet = `<script src="${window.location.origin}/widget.js" data-workspace="default" async></script>`;
  return (
    <div className="form-group">
      <label htmlFor={id}>{t('channels.embed')}</label>
      <input id={id} readOnly value={snippet} onFocus={(event) => event.target.select()} />
    </div>
  );
}
