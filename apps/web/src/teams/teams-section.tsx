import { type Locale, type LocalizedText, WEEKDAYS, type Weekday } from '@flowdesk/model';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { TFunction } from 'i18next';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { apiErrorMessage } from '../api/api-error.ts';
import { useTRPC } from '../api/trpc.ts';
import { useLocale } from '../i18n/i18n.ts';
import {
  type CalendarDraft,
  calendarFromDraft,
  defaultCalendarDraft,
  draftFromCalendar,
} from './calendar-draft.ts';
import { CalendarEditor } from './calendar-editor.tsx';
import { TeamMembers } from './team-members.tsx';

interface TeamRecord {
  id: string;
  name: LocalizedText;
  skills: string[];
  calendar: Parameters<typeof draftFromCalendar>[0] | null;
  supervisorQueue: string | null;
}

interface TeamDraft {
  isNew: boolean;
  id: string;
  nameZh: string;
  nameEn: string;
  skills: string[];
  supervisorQueue: string | null;
  hasCalendar: boolean;
  calendar: CalendarDraft;
}

const ID_RE = /^[a-z0-9][a-z0-9_-]{0,63}$/;

function draftOf(team: TeamRecord | null): TeamDraft {
  if (!team) {
    return {
      isNew: true,
      id: '',
      nameZh: '',
      nameEn: '',
      skills: [],
      supervisorQueue: null,
      hasCalendar: true,
      calendar: defaultCalendarDraft(),
    };
  }
  return {
    isNew: false,
    id: team.id,
    nameZh: team.name['zh-CN'],
    nameEn: team.name.en,
    skills: team.skills,
    supervisorQueue: team.supervisorQueue,
    hasCalendar: team.calendar !== null,
    calendar: team.calendar ? draftFromCalendar(team.calendar) : defaultCalendarDraft(),
  };
}

/** Settings → Teams: every signed-in person reads them; admins create, edit and delete them. */
export function TeamsSection({ canEdit }: { canEdit: boolean }) {
  const { t } = useTranslation();
  const locale = useLocale();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const teams = useQuery(trpc.teams.list.queryOptions());
  const [draft, setDraft] = useState<TeamDraft | null>(null);
  const [opened, setOpened] = useState<string | null>(null);
  const refresh = () => queryClient.invalidateQueries({ queryKey: trpc.teams.list.queryKey() });
  const save = useMutation(
    trpc.teams.save.mutationOptions({
      onSuccess: (saved) => {
        setDraft(null);
        setOpened(saved.id);
      },
      onSettled: refresh,
    }),
  );
  const remove = useMutation(trpc.teams.delete.mutationOptions({ onSettled: refresh }));
  const failed = [teams, remove].find((entry) => entry.error)?.error;
  const nameOf = (team: TeamRecord) => team.name[locale] || team.name.en || team.id;

  return (
    <section className="card" aria-labelledby="settings-teams">
      <h2 id="settings-teams">{t('teamsSla.teams.title')}</h2>
      <p className="muted">{canEdit ? t('teamsSla.teams.help') : t('teamsSla.readOnly')}</p>
      {failed ? (
        <p role="alert" className="error-text">
          {apiErrorMessage(failed, locale, t('common.failed'))}
        </p>
      ) : null}
      {teams.data && teams.data.length === 0 ? <p className="muted">{t('teamsSla.teams.none')}</p> : null}
      {teams.data && teams.data.length > 0 ? (
        <div className="table-scroll people-table">
          <table className="data-table stack-on-phone">
            <thead>
              <tr>
                <th scope="col">{t('teamsSla.teams.name')}</th>
                <th scope="col">{t('teamsSla.teams.skills')}</th>
                <th scope="col">{t('teamsSla.teams.calendar')}</th>
                <th scope="col">
                  <span className="visually-hidden">{t('common.actions')}</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {teams.data.map((team) => (
                <tr key={team.id} data-testid={`team-row-${team.id}`}>
                  <th scope="row">{nameOf(team)}</th>
                  <td data-label={t('teamsSla.teams.skills')}>{team.skills.join(', ') || '—'}</td>
                  <td data-label={t('teamsSla.teams.calendar')}>
                    {team.calendar
                      ? t('teamsSla.teams.calendarSummary', {
                          timezone: team.calendar.timezone,
                          holidays: team.calendar.holidays.length,
                          workdays: team.calendar.workdays?.length ?? 0,
                        })
                      : t('teamsSla.teams.noCalendar')}
                  </td>
                  <td>
                    <div className="row-actions">
                      <button
                        type="button"
                        aria-expanded={opened === team.id}
                        onClick={() => setOpened(opened === team.id ? null : team.id)}
                      >
                        {canEdit
                          ? t('teamsSla.teams.members', { name: nameOf(team) })
                          : t('teamsSla.teams.details', { name: nameOf(team) })}
                      </button>
                      {canEdit ? (
                        <>
                          <button type="button" onClick={() => setDraft(draftOf(team))}>
                            {t('teamsSla.teams.edit', { name: nameOf(team) })}
                          </button>
                          <button
                            type="button"
                            className="danger"
                            onClick={() =>
                              window.confirm(t('teamsSla.teams.confirmDelete', { name: nameOf(team) })) &&
                              remove.mutate({ id: team.id })
                            }
                          >
                            {t('teamsSla.teams.delete', { name: nameOf(team) })}
                          </button>
                        </>
                      ) : null}
                    </div>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
      {opened && teams.data?.some((team) => team.id === opened) ? (
        <TeamDetails
          team={teams.data.find((team) => team.id === opened) as TeamRecord}
          name={nameOf(teams.data.find((team) => team.id === opened) as TeamRecord)}
          canEdit={canEdit}
        />
      ) : null}
      {canEdit && !draft ? (
        <button type="button" className="primary" onClick={() => setDraft(draftOf(null))}>
          {t('teamsSla.teams.create')}
        </button>
      ) : null}
      {canEdit && draft ? (
        <TeamForm
          draft={draft}
          onChange={setDraft}
          onCancel={() => {
            setDraft(null);
            save.reset();
          }}
          pending={save.isPending}
          error={save.error ? apiErrorMessage(save.error, locale, t('common.failed')) : null}
          onSubmit={(team) => save.mutate(team)}
        />
      ) : null}
    </section>
  );
}

function TeamDetails({ team, name, canEdit }: { team: TeamRecord; name: string; canEdit: boolean }) {
  const { t } = useTranslation();
  return (
    <div className="team-details">
      {canEdit ? null : team.calendar ? (
        <>
          <h3>{t('teamsSla.teams.calendarOf', { name })}</h3>
          <CalendarEditor
            id={`view-${team.id}`}
            value={draftFromCalendar(team.calendar)}
            readOnly
            onChange={() => undefined}
          />
        </>
      ) : null}
      <TeamMembers teamId={team.id} teamName={name} readOnly={!canEdit} />
    </div>
  );
}

interface TeamFormProps {
  draft: TeamDraft;
  pending: boolean;
  error: string | null;
  onChange: (draft: TeamDraft) => void;
  onCancel: () => void;
  onSubmit: (team: {
    id: string;
    name: LocalizedText;
    skills: string[];
    calendar: ReturnType<typeof calendarFromDraft> | null;
    supervisorQueue: string | null;
  }) => void;
}

function TeamForm({ draft, pending, error, onChange, onCancel, onSubmit }: TeamFormProps) {
  const { t } = useTranslation();
  const locale = useLocale();
  const [skill, setSkill] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  const addSkill = () => {
    const value = skill.trim();
    if (value && !draft.skills.includes(value)) onChange({ ...draft, skills: [...draft.skills, value] });
    setSkill('');
  };
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const check = checkTeam(draft);
    setProblem(check ? describeCheck(check, t, locale) : null);
    if (check) return;
    onSubmit({
      id: draft.id.trim(),
      // A name given in one language only stands for both.
      name: {
        'zh-CN': draft.nameZh.trim() || draft.nameEn.trim(),
        en: draft.nameEn.trim() || draft.nameZh.trim(),
      },
      skills: draft.skills,
      calendar: draft.hasCalendar ? calendarFromDraft(draft.calendar) : null,
      supervisorQueue: draft.supervisorQueue,
    });
  };
  return (
    <form className="stacked-form team-form" onSubmit={submit} aria-labelledby="team-form-title" noValidate>
      <h3 id="team-form-title">
        {draft.isNew ? t('teamsSla.teams.createTitle') : t('teamsSla.teams.editTitle')}
      </h3>
      <div className="form-group">
        <label htmlFor="team-id">{t('teamsSla.teams.id')}</label>
        <input
          id="team-id"
          value={draft.id}
          readOnly={!draft.isNew}
          maxLength={64}
          aria-describedby="team-id-help"
          onChange={(event) => onChange({ ...draft, id: event.target.value })}
        />
        <span id="team-id-help" className="muted">
          {t('teamsSla.teams.idHelp')}
        </span>
      </div>
      <div className="form-group">
        <label htmlFor="team-name-zh">{t('teamsSla.teams.nameZh')}</label>
        <input
          id="team-name-zh"
          value={draft.nameZh}
          maxLength={100}
          onChange={(event) => onChange({ ...draft, nameZh: event.target.value })}
        />
      </div>
      <div className="form-group">
        <label htmlFor="team-name-en">{t('teamsSla.teams.nameEn')}</label>
        <input
          id="team-name-en"
          value={draft.nameEn}
          maxLength={100}
          onChange={(event) => onChange({ ...draft, nameEn: event.target.value })}
        />
      </div>
      <fieldset className="form-group">
        <legend>{t('teamsSla.teams.skills')}</legend>
        <ul className="chip-list">
          {draft.skills.map((entry) => (
            <li key={entry} className="chip">
              {entry}
              <button
                type="button"
                className="chip-remove"
                aria-label={t('teamsSla.teams.removeSkill', { skill: entry })}
                onClick={() =>
                  onChange({ ...draft, skills: draft.skills.filter((value) => value !== entry) })
                }
              >
                ×
              </button>
            </li>
          ))}
        </ul>
        <div className="inline-form">
          <label htmlFor="team-skill" className="visually-hidden">
            {t('teamsSla.teams.newSkill')}
          </label>
          <input
            id="team-skill"
            value={skill}
            maxLength={50}
            placeholder={t('teamsSla.teams.newSkill')}
            onChange={(event) => setSkill(event.target.value)}
            onKeyDown={(event) => {
              if (event.key === 'Enter') {
                event.preventDefault();
                addSkill();
              }
            }}
          />
          <button type="button" onClick={addSkill} disabled={!skill.trim()}>
            {t('teamsSla.teams.addSkill')}
          </button>
        </div>
      </fieldset>
      <label className="checkbox-label">
        <input
          type="checkbox"
          checked={draft.hasCalendar}
          onChange={(event) => onChange({ ...draft, hasCalendar: event.target.checked })}
        />
        {t('teamsSla.teams.useCalendar')}
      </label>
      {draft.hasCalendar ? (
        <CalendarEditor
          id="team-calendar"
          value={draft.calendar}
          readOnly={false}
          onChange={(calendar) => onChange({ ...draft, calendar })}
        />
      ) : (
        <p className="muted">{t('teamsSla.teams.noCalendarHelp')}</p>
      )}
      {problem || error ? (
        <p role="alert" className="error-text">
          {problem ?? error}
        </p>
      ) : null}
      <div className="row-actions">
        <button type="submit" className="primary" disabled={pending}>
          {t('teamsSla.save')}
        </button>
        <button type="button" onClick={onCancel}>
          {t('teamsSla.cancel')}
        </button>
      </div>
    </form>
  );
}

export interface FormCheck {
  key: string;
  params?: Record<string, string>;
}

/** A check's text; a weekday code in it reads as the day's name. */
export function describeCheck(check: FormCheck, t: TFunction, locale: Locale): string {
  const day = check.params?.day;
  const params =
    day && isWeekday(day) ? { ...check.params, day: WEEKDAYS.labels[day][locale] } : check.params;
  return t(check.key, params);
}

function isWeekday(value: string): value is Weekday {
  return (WEEKDAYS.values as readonly string[]).includes(value);
}

/** What the form can tell before asking the server: a translated key and its values. */
export function checkTeam(draft: TeamDraft): FormCheck | null {
  if (!ID_RE.test(draft.id.trim())) return { key: 'teamsSla.errors.id' };
  if (!draft.nameZh.trim() && !draft.nameEn.trim()) return { key: 'teamsSla.errors.name' };
  return draft.hasCalendar ? checkCalendar(draft.calendar) : null;
}

export function checkCalendar(calendar: CalendarDraft): FormCheck | null {
  const open = calendar.days.filter((row) => row.open);
  if (open.length === 0) return { key: 'teamsSla.errors.noOpenDay' };
  const backwards = open.find((row) => !row.from || !row.to || row.to <= row.from);
  if (backwards) return { key: 'teamsSla.errors.timeRange', params: { day: backwards.day } };
  const both = calendar.workdays.find((date) => calendar.holidays.includes(date));
  if (both) return { key: 'teamsSla.errors.workdayIsHoliday', params: { date: both } };
  return null;
}
