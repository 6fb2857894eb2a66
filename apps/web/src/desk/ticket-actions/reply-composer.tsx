import { CHANNELS, type Channel, type Locale } from '@flowdesk/model';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { apiErrorMessage } from '../../api/api-error.ts';
import { useTRPC } from '../../api/trpc.ts';
import { useLocale } from '../../i18n/i18n.ts';
import { newUseId } from './knowledge-use-id.ts';
import type { NamedOption } from './ticket-work.types.ts';

/** Longest reply the server takes (the desk's AGENT_REPLY_MAX_LENGTH). */
const REPLY_MAX_LENGTH = 10_000;

/** Adds a block of text after what the agent already wrote, with a blank line between. */
export function appendBlock(current: string, block: string): string {
  const trimmed = current.trimEnd();
  return trimmed ? `${trimmed}\n\n${block}` : block;
}

/**
 * The reply to the customer, sent on the ticket's own channel (the server
 * refuses, with the reason, when the customer cannot be reached there). A
 * saved template, rendered with the ticket's data, or a knowledge-base answer
 * can be inserted; the agent edits the text before sending.
 */
export function ReplyComposer(props: {
  ticketId: string;
  channel: string;
  templates: readonly NamedOption[];
  onSent: () => void;
}) {
  const { t } = useTranslation();
  const locale = useLocale();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const id = useId();
  const [body, setBody] = useState('');
  const [subject, setSubject] = useState('');
  const [templateId, setTemplateId] = useState('');
  const [insertError, setInsertError] = useState<unknown>(null);
  const suggestions = useQuery(trpc.tickets.knowledgeSuggestions.queryOptions({ id: props.ticketId }));
  // Inserting an article counts as one use of it by an agent (the knowledge screen's usage); a lost count blocks nobody.
  const recordUse = useMutation(trpc.knowledge.recordUse.mutationOptions());
  // One use per article per reply: inserting it again (a double click) resends the same id, which the server counts once.
  const useIds = useRef(new Map<string, string>());
  const knowledgeUseIdOf = (articleId: string) => {
    const known = useIds.current.get(articleId);
    if (known) return known;
    const fresh = newUseId();
    useIds.current.set(articleId, fresh);
    return fresh;
  };
  const reply = useMutation(
    trpc.tickets.reply.mutationOptions({
      onSuccess: () => {
        setBody('');
        setSubject('');
        useIds.current.clear();
        props.onSent();
      },
    }),
  );
  const isEmail = props.channel === 'email';

  const insertTemplate = async (chosen: string) => {
    setTemplateId(chosen);
    setInsertError(null);
    if (!chosen) return;
    try {
      const rendered = await queryClient.fetchQuery(
        trpc.tickets.renderReplyTemplate.queryOptions({ id: props.ticketId, templateId: chosen }),
      );
      setBody((current) => appendBlock(current, rendered.body));
      if (isEmail && rendered.subject) setSubject((current) => current || rendered.subject);
    } catch (error) {
      setInsertError(error);
    } finally {
      setTemplateId('');
    }
  };
  const send = (event: FormEvent) => {
    event.preventDefault();
    if (!body.trim()) return;
    reply.mutate({
      id: props.ticketId,
      body,
      ...(isEmail && subject.trim() ? { subject: subject.trim() } : {}),
    });
  };

  return (
    <form className="ticket-work-section" onSubmit={send} aria-labelledby={`${id}-title`}>
      <h3 id={`${id}-title`}>{t('ticketWork.reply.title')}</h3>
      <p className="muted small">
        {t('ticketWork.reply.channel', {
          channel: CHANNELS.labels[props.channel as Channel]?.[locale] ?? props.channel,
        })}
      </p>
      <div className="ticket-work-row">
        <label htmlFor={`${id}-template`}>{t('ticketWork.reply.template')}</label>
        <select
          id={`${id}-template`}
          value={templateId}
          disabled={props.templates.length === 0}
          onChange={(event) => void insertTemplate(event.target.value)}
        >
          <option value="">
            {props.templates.length === 0
              ? t('ticketWork.reply.noTemplates')
              : t('ticketWork.reply.chooseTemplate')}
          </option>
          {props.templates.map((template) => (
            <option key={template.id} value={template.id}>
              {template.name[locale]}
            </option>
          ))}
        </select>
      </div>
      {insertError ? (
        <p role="alert" className="error-text">
          {apiErrorMessage(insertError, locale, t('common.failed'))}
        </p>
      ) : null}
      <KnowledgeSuggestions
        loading={suggestions.isPending}
        items={suggestions.data ?? []}
        locale={locale}
        onInsert={(answer, item) => {
          setBody((current) => appendBlock(current, answer));
          recordUse.mutate({
            useId: knowledgeUseIdOf(item.articleId),
            articleId: item.articleId,
            ticketId: props.ticketId,
            locale: item.locale,
          });
        }}
      />
      {isEmail ? (
        <div className="form-group">
          <label htmlFor={`${id}-subject`}>{t('ticketWork.reply.subject')}</label>
          <input
            id={`${id}-subject`}
            value={subject}
            maxLength={300}
            placeholder={t('ticketWork.reply.subjectPlaceholder')}
            onChange={(event) => setSubject(event.target.value)}
          />
        </div>
      ) : null}
      <div className="form-group">
        <label htmlFor={`${id}-body`}>{t('ticketWork.reply.body')}</label>
        <textarea
          id={`${id}-body`}
          rows={5}
          value={body}
          maxLength={REPLY_MAX_LENGTH}
          onChange={(event) => setBody(event.target.value)}
        />
      </div>
      {reply.error ? (
        <p role="alert" className="error-text">
          {apiErrorMessage(reply.error, locale, t('common.failed'))}
        </p>
      ) : null}
      {reply.data ? (
        <p role="status" className="notice">
          {reply.data.queued ? t('ticketWork.reply.sent') : t('ticketWork.reply.recorded')}
        </p>
      ) : null}
      <div className="button-row">
        <button type="submit" className="button" disabled={reply.isPending || !body.trim()}>
          {t('ticketWork.reply.send')}
        </button>
      </div>
    </form>
  );
}

interface Suggestion {
  articleId: string;
  title: Record<Locale, string>;
  answer: Record<Locale, string>;
  locale: Locale;
  confidence: number;
}

/** Top knowledge-base answers for the ticket's text; one click puts the answer in the reply. */
function KnowledgeSuggestions(props: {
  loading: boolean;
  items: readonly Suggestion[];
  locale: Locale;
  onInsert: (answer: string, item: Suggestion) => void;
}) {
  const { t } = useTranslation();
  const id = useId();
  return (
    <section className="knowledge-suggestions" aria-labelledby={id}>
      <h4 id={id}>{t('ticketWork.knowledge.title')}</h4>
      {props.loading ? <p className="muted small">{t('common.loading')}</p> : null}
      {!props.loading && props.items.length === 0 ? (
        <p className="muted small">{t('ticketWork.knowledge.none')}</p>
      ) : null}
      <ul>
        {props.items.map((item) => {
          // The customer's language first; an article may be written in only one.
          const answer = item.answer[item.locale] || item.answer[item.locale === 'en' ? 'zh-CN' : 'en'];
          const title = item.title[props.locale] || item.title[item.locale];
          return (
            <li key={item.articleId}>
              <div>
                <strong>{title}</strong>{' '}
                <span className="muted small">
                  {t('ticketWork.knowledge.confidence', { percent: Math.round(item.confidence * 100) })}
                </span>
              </div>
              <p className="knowledge-answer">{answer}</p>
              <button
                type="button"
                className="link-button"
                aria-label={t('ticketWork.knowledge.insertNamed', { title })}
                onClick={() => props.onInsert(answer, item)}
              >
                {t('ticketWork.knowledge.insert')}
              </button>
            </li>
          );
        })}
      </ul>
    </section>
  );
}
