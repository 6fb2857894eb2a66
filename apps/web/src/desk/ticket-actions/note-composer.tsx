import { useMutation } from '@tanstack/react-query';
import { type FormEvent, useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { apiErrorMessage } from '../../api/api-error.ts';
import { useTRPC } from '../../api/trpc.ts';
import { useLocale } from '../../i18n/i18n.ts';
import { nextActiveIndex } from '../../shared/listbox-navigation.ts';
import { insertMention, type Mentionable, matchMembers, mentionedIn, openMention } from './mention-text.ts';

const NOTE_MAX_LENGTH = 5000;

/**
 * An internal note (customers never see it). Typing `@` opens a listbox of
 * the ticket team's members, driven from the text area like the editor's
 * template field: arrows move, Enter or a click inserts, Escape closes. Each
 * member still mentioned when the note is saved gets an in-app message.
 */
export function NoteComposer(props: {
  ticketId: string;
  members: readonly Mentionable[];
  onAdded: () => void;
}) {
  const { t } = useTranslation();
  const locale = useLocale();
  const trpc = useTRPC();
  const id = useId();
  const area = useRef<HTMLTextAreaElement>(null);
  const [body, setBody] = useState('');
  const [query, setQuery] = useState<string>();
  const [active, setActive] = useState(0);
  const [chosen, setChosen] = useState<Mentionable[]>([]);
  const [saved, setSaved] = useState<number>();
  const addNote = useMutation(
    trpc.tickets.addMentionNote.mutationOptions({
      onSuccess: (_note, input) => {
        setSaved(input.mentions?.length ?? 0);
        setBody('');
        setChosen([]);
        props.onAdded();
      },
    }),
  );

  const matches = query === undefined ? [] : matchMembers(props.members, query);
  const open = matches.length > 0;
  const activeMember = open ? matches[Math.min(active, matches.length - 1)] : undefined;
  const optionId = (member: Mentionable) => `${id}-member-${member.id.replace(/[^A-Za-z0-9_-]/g, '_')}`;

  const track = (value: string, caret: number) => {
    setQuery(openMention(value.slice(0, caret)));
    setActive(0);
  };
  const choose = (member: Mentionable) => {
    const element = area.current;
    const caret = element?.selectionStart ?? body.length;
    const next = insertMention(body, caret, member);
    setBody(next.text);
    setChosen((current) => (current.some((item) => item.id === member.id) ? current : [...current, member]));
    setQuery(undefined);
    requestAnimationFrame(() => {
      element?.focus();
      element?.setSelectionRange(next.caret, next.caret);
    });
  };
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!body.trim()) return;
    setSaved(undefined);
    addNote.mutate({ id: props.ticketId, body, mentions: mentionedIn(body, chosen) });
  };

  return (
    <form className="ticket-work-section" onSubmit={submit} aria-labelledby={`${id}-title`}>
      <h3 id={`${id}-title`}>{t('ticketWork.note.title')}</h3>
      <div className="form-group mention-field">
        <label htmlFor={`${id}-body`}>{t('ticketWork.note.body')}</label>
        <textarea
          id={`${id}-body`}
          ref={area}
          rows={3}
          value={body}
          maxLength={NOTE_MAX_LENGTH}
          aria-autocomplete="list"
          aria-controls={`${id}-members`}
          aria-activedescendant={activeMember ? optionId(activeMember) : undefined}
          aria-describedby={`${id}-help`}
          onChange={(event) => {
            setBody(event.target.value);
            track(event.target.value, event.target.selectionStart);
          }}
          onKeyDown={(event) => {
            if (!open) return;
            if (event.key === 'Escape') {
              event.preventDefault();
              setQuery(undefined);
              return;
            }
            if (event.key === 'Enter' && activeMember) {
              event.preventDefault();
              choose(activeMember);
              return;
            }
            if (event.key !== 'ArrowDown' && event.key !== 'ArrowUp') return;
            const next = nextActiveIndex(Math.min(active, matches.length - 1), event.key, matches.length);
            if (next === undefined) return;
            event.preventDefault();
            setActive(next);
          }}
          onBlur={() => setQuery(undefined)}
        />
        <p id={`${id}-help`} className="muted small">
          {open ? t('ticketWork.note.listHelp') : t('ticketWork.note.help')}
        </p>
        {open ? (
          <div
            id={`${id}-members`}
            role="listbox"
            className="suggestions"
            aria-label={t('ticketWork.note.members')}
          >
            {matches.map((member) => (
              // biome-ignore lint/a11y/useKeyWithClickEvents: the text area carries the keyboard (aria-activedescendant)
              <div
                key={member.id}
                id={optionId(member)}
                role="option"
                tabIndex={-1}
                aria-selected={member === activeMember}
                onMouseDown={(event) => event.preventDefault()}
                onClick={() => choose(member)}
              >
                {member.name}
              </div>
            ))}
          </div>
        ) : null}
      </div>
      {addNote.error ? (
        <p role="alert" className="error-text">
          {apiErrorMessage(addNote.error, locale, t('common.failed'))}
        </p>
      ) : null}
      {saved !== undefined ? (
        <p role="status" className="notice">
          {t('ticketWork.note.saved', { count: saved })}
        </p>
      ) : null}
      <div className="button-row">
        <button type="submit" className="button" disabled={addNote.isPending || !body.trim()}>
          {t('ticketWork.note.add')}
        </button>
      </div>
    </form>
  );
}
