import {
  checkSolution,
  PRIORITIES,
  type Priority,
  SOLUTION_MAX_LENGTH,
  TICKET_STATUSES,
  type TicketStatus,
} from '@flowdesk/model';
import { useMutation } from '@tanstack/react-query';
import { type FormEvent, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { apiErrorMessage } from '../../api/api-error.ts';
import { useTRPC } from '../../api/trpc.ts';
import { useLocale } from '../../i18n/i18n.ts';
import type { NamedOption } from './ticket-work.types.ts';

export interface ChangeableTicket {
  id: string;
  status: TicketStatus;
  priority: Priority;
  category: string | null;
  team: string | null;
  assignee: string | null;
}

interface Draft {
  category: string;
  priority: Priority;
  team: string;
  assignee: string;
  status: TicketStatus;
  solution: string;
  note: string;
}

function draftOf(ticket: ChangeableTicket): Draft {
  return {
    category: ticket.category ?? '',
    priority: ticket.priority,
    team: ticket.team ?? '',
    assignee: ticket.assignee ?? '',
    status: ticket.status,
    solution: '',
    note: '',
  };
}

/**
 * Category, priority, team, assignee and status in one form; saving sends only
 * what changed, each through its own action (a new category is kept as a
 * classifier correction, a status goes through the lifecycle). The status list
 * holds only what the lifecycle allows from here, and resolving asks for the
 * solution summary that goes to the customer with the survey.
 */
export function TicketChanges(props: {
  ticket: ChangeableTicket;
  allowedTransitions: readonly TicketStatus[];
  categories: readonly NamedOption[];
  teams: readonly NamedOption[];
  agents: ReadonlyArray<NamedOption & { teams: string[] }>;
  /** Whether the last save went through; kept by the panel, since a reloaded ticket starts this form again. */
  saved: boolean;
  onSaved: (saved: boolean) => void;
  onChanged: () => void;
}) {
  const { t } = useTranslation();
  const locale = useLocale();
  const trpc = useTRPC();
  const id = useId();
  const { ticket } = props;
  const [draft, setDraft] = useState<Draft>(() => draftOf(ticket));
  const set = (patch: Partial<Draft>) => {
    props.onSaved(false);
    setDraft((current) => ({ ...current, ...patch }));
  };
  const category = useMutation(trpc.tickets.changeCategory.mutationOptions());
  const priority = useMutation(trpc.tickets.changePriority.mutationOptions());
  const assign = useMutation(trpc.tickets.assign.mutationOptions());
  const status = useMutation(trpc.tickets.changeStatus.mutationOptions());
  const [error, setError] = useState<unknown>(null);
  const [saving, setSaving] = useState(false);

  const resolving = draft.status === 'resolved' && ticket.status !== 'resolved';
  const solutionLength = Array.from(draft.solution.trim()).length;
  const changed =
    draft.category !== (ticket.category ?? '') ||
    draft.priority !== ticket.priority ||
    draft.team !== (ticket.team ?? '') ||
    draft.assignee !== (ticket.assignee ?? '') ||
    draft.status !== ticket.status;
  // The lifecycle's own rule, the one the desk applies when the change arrives.
  const blocked = !checkSolution(ticket.status, draft.status, draft.solution).ok;

  const save = async (event: FormEvent) => {
    event.preventDefault();
    if (!changed || blocked) return;
    setError(null);
    props.onSaved(false);
    setSaving(true);
    try {
      const target = { id: ticket.id };
      if (draft.category && draft.category !== (ticket.category ?? '')) {
        await category.mutateAsync({ ...target, category: draft.category });
      }
      if (draft.priority !== ticket.priority)
        await priority.mutateAsync({ ...target, priority: draft.priority });
      if (draft.team && draft.team !== (ticket.team ?? '')) {
        await assign.mutateAsync({ ...target, to: { target: 'team', teamId: draft.team } });
      }
      if (draft.assignee && draft.assignee !== (ticket.assignee ?? '')) {
        await assign.mutateAsync({ ...target, to: { target: 'agent', agentId: draft.assignee } });
      }
      if (draft.status !== ticket.status) {
        await status.mutateAsync({
          ...target,
          status: draft.status,
          ...(draft.note.trim() ? { note: draft.note.trim() } : {}),
          ...(draft.status === 'resolved' ? { solution: draft.solution.trim() } : {}),
        });
      }
      props.onSaved(true);
      props.onChanged();
    } catch (failure) {
      setError(failure);
      // What went through stays; the page reloads the ticket so the form starts from the truth.
      props.onChanged();
    } finally {
      setSaving(false);
    }
  };

  const statuses = [ticket.status, ...props.allowedTransitions.filter((next) => next !== ticket.status)];
  const categories = props.categories.some((option) => option.id === draft.category)
    ? props.categories
    : [...props.categories, ...(draft.category ? [{ id: draft.category, name: same(draft.category) }] : [])];

  return (
    <form className="ticket-work-section" onSubmit={save} aria-labelledby={`${id}-title`}>
      <h3 id={`${id}-title`}>{t('ticketWork.changes.title')}</h3>
      <div className="ticket-work-grid">
        <div className="form-group">
          <label htmlFor={`${id}-category`}>{t('ticketWork.changes.category')}</label>
          <select
            id={`${id}-category`}
            value={draft.category}
            onChange={(event) => set({ category: event.target.value })}
          >
            {draft.category ? null : <option value="">{t('common.notSet')}</option>}
            {categories.map((option) => (
              <option key={option.id} value={option.id}>
                {option.name[locale]}
              </option>
            ))}
          </select>
        </div>
        <div className="form-group">
          <label htmlFor={`${id}-priority`}>{t('ticketWork.changes.priority')}</label>
          <select
            id={`${id}-priority`}
            value={draft.priority}
            onChange={(event) => set({ priority: event.target.value as Priority })}
          >
            {PRIORITIES.values.map((value) => (
              <option key={value} value={value}>
                {PRIORITIES.labels[value][locale]}
              </option>
            ))}
          </select>
        </div>
        <div className="form-group">
          <label htmlFor={`${id}-team`}>{t('ticketWork.changes.team')}</label>
          <select
            id={`${id}-team`}
            value={draft.team}
            onChange={(event) => set({ team: event.target.value })}
          >
            {draft.team ? null : <option value="">{t('common.notSet')}</option>}
            {props.teams.map((team) => (
              <option key={team.id} value={team.id}>
                {team.name[locale]}
              </option>
            ))}
          </select>
        </div>
        <div className="form-group">
          <label htmlFor={`${id}-assignee`}>{t('ticketWork.changes.assignee')}</label>
          <select
            id={`${id}-assignee`}
            value={draft.assignee}
            onChange={(event) => set({ assignee: event.target.value })}
          >
            {draft.assignee ? null : <option value="">{t('ticketWork.changes.unassigned')}</option>}
            {props.agents.map((agent) => (
              <option key={agent.id} value={agent.id}>
                {agent.name[locale]}
              </option>
            ))}
          </select>
        </div>
        <div className="form-group">
          <label htmlFor={`${id}-status`}>{t('ticketWork.changes.status')}</label>
          <select
            id={`${id}-status`}
            value={draft.status}
            aria-describedby={`${id}-status-help`}
            onChange={(event) => set({ status: event.target.value as TicketStatus })}
          >
            {statuses.map((value) => (
              <option key={value} value={value}>
                {TICKET_STATUSES.labels[value][locale]}
              </option>
            ))}
          </select>
          <p id={`${id}-status-help`} className="muted small">
            {t('ticketWork.changes.statusHelp')}
          </p>
        </div>
      </div>
      {resolving ? (
        <div className="form-group">
          <label htmlFor={`${id}-solution`}>{t('ticketWork.changes.solution')}</label>
          <textarea
            id={`${id}-solution`}
            rows={2}
            required
            value={draft.solution}
            aria-describedby={`${id}-solution-help`}
            aria-invalid={solutionLength > SOLUTION_MAX_LENGTH}
            onChange={(event) => set({ solution: event.target.value })}
          />
          <p id={`${id}-solution-help`} className="muted small">
            {t('ticketWork.changes.solutionHelp', { count: solutionLength, limit: SOLUTION_MAX_LENGTH })}
          </p>
        </div>
      ) : null}
      {draft.status !== ticket.status ? (
        <div className="form-group">
          <label htmlFor={`${id}-note`}>{t('ticketWork.changes.note')}</label>
          <input
            id={`${id}-note`}
            value={draft.note}
            maxLength={2000}
            onChange={(event) => set({ note: event.target.value })}
          />
        </div>
      ) : null}
      {error ? (
        <p role="alert" className="error-text">
          {apiErrorMessage(error, locale, t('common.failed'))}
        </p>
      ) : null}
      {props.saved ? (
        <p role="status" className="notice">
          {t('ticketWork.changes.saved')}
        </p>
      ) : null}
      <div className="button-row">
        <button type="submit" className="button" disabled={saving || !changed || blocked}>
          {resolving ? t('ticketWork.changes.resolve') : t('ticketWork.changes.save')}
        </button>
      </div>
    </form>
  );
}

function same(value: string) {
  return { 'zh-CN': value, en: value };
}
