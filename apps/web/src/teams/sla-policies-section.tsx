import { PRIORITIES, type Priority } from '@flowdesk/model';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
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
import { checkCalendar, describeCheck, type FormCheck } from './teams-section.tsx';

type Policy = NonNullable<ReturnType<typeof usePolicies>['data']>[number];

function usePolicies() {
  const trpc = useTRPC();
  return useQuery(trpc.teams.listSlaPolicies.queryOptions());
}

interface PolicyDraft {
  isNew: boolean;
  id: string;
  name: string;
  priorities: Priority[];
  categories: string[];
  minVipLevel: string;
  firstHours: string;
  firstMinutes: string;
  resolutionHours: string;
  resolutionMinutes: string;
  warnPercent: string;
  order: string;
  ownCalendar: boolean;
  calendar: CalendarDraft;
}

const split = (minutes: number) => ({
  hours: String(Math.floor(minutes / 60)),
  minutes: String(minutes % 60),
});

function draftOf(policy: Policy | null, nextOrder: number): PolicyDraft {
  if (!policy) {
    return {
      isNew: true,
      id: '',
      name: '',
      priorities: [],
      categories: [],
      minVipLevel: '',
      firstHours: '1',
      firstMinutes: '0',
      resolutionHours: '8',
      resolutionMinutes: '0',
      warnPercent: '80',
      order: String(nextOrder),
      ownCalendar: false,
      calendar: defaultCalendarDraft(),
    };
  }
  const first = split(policy.firstResponseMinutes);
  const resolution = split(policy.resolutionMinutes);
  return {
    isNew: false,
    id: policy.id,
    name: policy.name,
    priorities: policy.match.priorities ?? [],
    categories: policy.match.categories ?? [],
    minVipLevel: policy.match.minVipLevel === undefined ? '' : String(policy.match.minVipLevel),
    firstHours: first.hours,
    firstMinutes: first.minutes,
    resolutionHours: resolution.hours,
    resolutionMinutes: resolution.minutes,
    warnPercent: String(Math.round(policy.warnAtShare * 100)),
    order: String(policy.order),
    ownCalendar: policy.calendar !== null,
    calendar: policy.calendar ? draftFromCalendar(policy.calendar) : defaultCalendarDraft(),
  };
}

const ID_RE = /^[a-z0-9][a-z0-9_-]{0,63}$/;
const whole = (value: string) => (/^\d+$/.test(value.trim()) ? Number(value) : Number.NaN);

/** The policy as the server takes it, or what is wrong with the form. */
export function policyFromDraft(draft: PolicyDraft) {
  const fail = (key: string, params?: Record<string, string>): { ok: false; check: FormCheck } => ({
    ok: false,
    check: { key, ...(params ? { params } : {}) },
  });
  if (!ID_RE.test(draft.id.trim())) return fail('teamsSla.errors.id');
  if (!draft.name.trim()) return fail('teamsSla.errors.policyName');
  const target = (hours: string, minutes: string) => whole(hours) * 60 + whole(minutes);
  const firstResponseMinutes = target(draft.firstHours, draft.firstMinutes);
  const resolutionMinutes = target(draft.resolutionHours, draft.resolutionMinutes);
  const minutesOk = (value: number) => Number.isInteger(value) && value >= 1 && value <= 525_600;
  if (!minutesOk(firstResponseMinutes) || whole(draft.firstMinutes) > 59)
    return fail('teamsSla.errors.target');
  if (!minutesOk(resolutionMinutes) || whole(draft.resolutionMinutes) > 59)
    return fail('teamsSla.errors.target');
  const warn = whole(draft.warnPercent);
  if (!(warn >= 1 && warn <= 99)) return fail('teamsSla.errors.warn');
  const order = whole(draft.order);
  if (!(order >= 0 && order <= 10_000)) return fail('teamsSla.errors.order');
  const vip = draft.minVipLevel.trim() === '' ? undefined : whole(draft.minVipLevel);
  if (vip !== undefined && !(vip >= 0 && vip <= 10)) return fail('teamsSla.errors.vip');
  if (draft.ownCalendar) {
    const check = checkCalendar(draft.calendar);
    if (check) return { ok: false as const, check };
  }
  return {
    ok: true as const,
    policy: {
      id: draft.id.trim(),
      name: draft.name.trim(),
      match: {
        ...(draft.priorities.length > 0 ? { priorities: draft.priorities } : {}),
        ...(draft.categories.length > 0 ? { categories: draft.categories } : {}),
        ...(vip !== undefined ? { minVipLevel: vip } : {}),
      },
      firstResponseMinutes,
      resolutionMinutes,
      warnAtShare: warn / 100,
      order,
      calendar: draft.ownCalendar ? calendarFromDraft(draft.calendar) : null,
    },
  };
}

/** Settings → SLA policies, in the order they are tried: everyone reads them; admins change them. */
export function SlaPoliciesSection({ canEdit }: { canEdit: boolean }) {
  const { t } = useTranslation();
  const locale = useLocale();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const policies = usePolicies();
  const [draft, setDraft] = useState<PolicyDraft | null>(null);
  const refresh = () => queryClient.invalidateQueries({ queryKey: trpc.teams.listSlaPolicies.queryKey() });
  const save = useMutation(
    trpc.teams.saveSlaPolicy.mutationOptions({ onSuccess: () => setDraft(null), onSettled: refresh }),
  );
  const remove = useMutation(trpc.teams.deleteSlaPolicy.mutationOptions({ onSettled: refresh }));
  const failed = [policies, remove].find((entry) => entry.error)?.error;
  const duration = (minutes: number) => t('teamsSla.policies.duration', split(minutes));
  const nextOrder = Math.max(0, ...(policies.data ?? []).map((policy) => policy.order)) + 10;

  return (
    <section className="card" aria-labelledby="settings-sla">
      <h2 id="settings-sla">{t('teamsSla.policies.title')}</h2>
      <p className="muted">{canEdit ? t('teamsSla.policies.help') : t('teamsSla.readOnly')}</p>
      {failed ? (
        <p role="alert" className="error-text">
          {apiErrorMessage(failed, locale, t('common.failed'))}
        </p>
      ) : null}
      {policies.data && policies.data.length === 0 ? (
        <p className="muted">{t('teamsSla.policies.none')}</p>
      ) : null}
      {policies.data && policies.data.length > 0 ? (
        <div className="table-scroll people-table">
          <table className="data-table stack-on-phone">
            <thead>
              <tr>
                <th scope="col">{t('teamsSla.policies.order')}</th>
                <th scope="col">{t('teamsSla.policies.name')}</th>
                <th scope="col">{t('teamsSla.policies.matches')}</th>
                <th scope="col">{t('teamsSla.policies.firstResponse')}</th>
                <th scope="col">{t('teamsSla.policies.resolution')}</th>
                <th scope="col">{t('teamsSla.policies.calendar')}</th>
                {canEdit ? (
                  <th scope="col">
                    <span className="visually-hidden">{t('common.actions')}</span>
                  </th>
                ) : null}
              </tr>
            </thead>
            <tbody>
              {policies.data.map((policy) => (
                <tr key={policy.id} data-testid={`policy-row-${policy.id}`}>
                  <td data-label={t('teamsSla.policies.order')}>{policy.order}</td>
                  <th scope="row">{policy.name}</th>
                  <td data-label={t('teamsSla.policies.matches')}>{matchSummary(policy, t, locale)}</td>
                  <td data-label={t('teamsSla.policies.firstResponse')}>
                    {duration(policy.firstResponseMinutes)}
                  </td>
                  <td data-label={t('teamsSla.policies.resolution')}>{duration(policy.resolutionMinutes)}</td>
                  <td data-label={t('teamsSla.policies.calendar')}>
                    {policy.calendar
                      ? t('teamsSla.policies.ownCalendarSummary', { timezone: policy.calendar.timezone })
                      : t('teamsSla.policies.teamCalendar')}
                  </td>
                  {canEdit ? (
                    <td>
                      <div className="row-actions">
                        <button type="button" onClick={() => setDraft(draftOf(policy, nextOrder))}>
                          {t('teamsSla.policies.edit', { name: policy.name })}
                        </button>
                        <button
                          type="button"
                          className="danger"
                          onClick={() =>
                            window.confirm(t('teamsSla.policies.confirmDelete', { name: policy.name })) &&
                            remove.mutate({ id: policy.id })
                          }
                        >
                          {t('teamsSla.policies.delete', { name: policy.name })}
                        </button>
                      </div>
                    </td>
                  ) : null}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
      {canEdit && !draft ? (
        <button type="button" className="primary" onClick={() => setDraft(draftOf(null, nextOrder))}>
          {t('teamsSla.policies.create')}
        </button>
      ) : null}
      {canEdit && draft ? (
        <PolicyForm
          draft={draft}
          onChange={setDraft}
          pending={save.isPending}
          error={save.error ? apiErrorMessage(save.error, locale, t('common.failed')) : null}
          onCancel={() => {
            setDraft(null);
            save.reset();
          }}
          onSubmit={(policy) => save.mutate(policy)}
        />
      ) : null}
    </section>
  );
}

function matchSummary(
  policy: Policy,
  t: (key: string, params?: Record<string, unknown>) => string,
  locale: 'zh-CN' | 'en',
) {
  const parts: string[] = [];
  if (policy.match.priorities?.length) {
    parts.push(policy.match.priorities.map((priority) => PRIORITIES.labels[priority][locale]).join(', '));
  }
  if (policy.match.categories?.length) parts.push(policy.match.categories.join(', '));
  if (policy.match.minVipLevel !== undefined)
    parts.push(t('teamsSla.policies.vipAtLeast', { level: policy.match.minVipLevel }));
  return parts.length > 0 ? parts.join(' · ') : t('teamsSla.policies.everyTicket');
}

interface PolicyFormProps {
  draft: PolicyDraft;
  pending: boolean;
  error: string | null;
  onChange: (draft: PolicyDraft) => void;
  onCancel: () => void;
  onSubmit: (policy: Extract<ReturnType<typeof policyFromDraft>, { ok: true }>['policy']) => void;
}

function PolicyForm({ draft, pending, error, onChange, onCancel, onSubmit }: PolicyFormProps) {
  const { t } = useTranslation();
  const locale = useLocale();
  const trpc = useTRPC();
  const categories = useQuery(trpc.teams.categories.queryOptions());
  const [problem, setProblem] = useState<string | null>(null);
  const [category, setCategory] = useState('');
  const known = categories.data ?? [];
  const categoryName = (id: string) => known.find((entry) => entry.id === id)?.name[locale] ?? id;
  const set = (patch: Partial<PolicyDraft>) => onChange({ ...draft, ...patch });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const result = policyFromDraft(draft);
    setProblem(result.ok ? null : describeCheck(result.check, t, locale));
    if (result.ok) onSubmit(result.policy);
  };
  const number = (id: string, label: string, value: string, key: keyof PolicyDraft, max: number) => (
    <div className="form-group">
      <label htmlFor={id}>{label}</label>
      <input
        id={id}
        type="number"
        inputMode="numeric"
        min={0}
        max={max}
        value={value}
        onChange={(event) => set({ [key]: event.target.value } as Partial<PolicyDraft>)}
      />
    </div>
  );
  return (
    <form
      className="stacked-form policy-form"
      onSubmit={submit}
      aria-labelledby="policy-form-title"
      noValidate
    >
      <h3 id="policy-form-title">
        {draft.isNew ? t('teamsSla.policies.createTitle') : t('teamsSla.policies.editTitle')}
      </h3>
      <div className="form-group">
        <label htmlFor="policy-id">{t('teamsSla.policies.id')}</label>
        <input
          id="policy-id"
          value={draft.id}
          readOnly={!draft.isNew}
          maxLength={64}
          onChange={(event) => set({ id: event.target.value })}
        />
      </div>
      <div className="form-group">
        <label htmlFor="policy-name">{t('teamsSla.policies.name')}</label>
        <input
          id="policy-name"
          value={draft.name}
          maxLength={100}
          onChange={(event) => set({ name: event.target.value })}
        />
      </div>
      <fieldset className="form-group">
        <legend>{t('teamsSla.policies.priorities')}</legend>
        <p className="muted">{t('teamsSla.policies.prioritiesHelp')}</p>
        <div className="checkbox-row">
          {PRIORITIES.values.map((priority) => (
            <label key={priority} className="checkbox-label">
              <input
                type="checkbox"
                checked={draft.priorities.includes(priority)}
                onChange={(event) =>
                  set({
                    priorities: event.target.checked
                      ? PRIORITIES.values.filter(
                          (value) => value === priority || draft.priorities.includes(value),
                        )
                      : draft.priorities.filter((value) => value !== priority),
                  })
                }
              />
              {PRIORITIES.labels[priority][locale]}
            </label>
          ))}
        </div>
      </fieldset>
      <fieldset className="form-group">
        <legend>{t('teamsSla.policies.categories')}</legend>
        <ul className="chip-list">
          {draft.categories.map((id) => (
            <li key={id} className="chip">
              {categoryName(id)}
              <button
                type="button"
                className="chip-remove"
                aria-label={t('teamsSla.policies.removeCategory', { category: categoryName(id) })}
                onClick={() => set({ categories: draft.categories.filter((value) => value !== id) })}
              >
                ×
              </button>
            </li>
          ))}
        </ul>
        <div className="inline-form">
          <label htmlFor="policy-category" className="visually-hidden">
            {t('teamsSla.policies.categories')}
          </label>
          <select id="policy-category" value={category} onChange={(event) => setCategory(event.target.value)}>
            <option value="">
              {known.length > 0 ? t('teamsSla.policies.chooseCategory') : t('teamsSla.policies.noCategories')}
            </option>
            {known
              .filter((entry) => !draft.categories.includes(entry.id))
              .map((entry) => (
                <option key={entry.id} value={entry.id}>
                  {entry.name[locale]}
                </option>
              ))}
          </select>
          <button
            type="button"
            disabled={!category}
            onClick={() => {
              set({ categories: [...draft.categories, category] });
              setCategory('');
            }}
          >
            {t('teamsSla.policies.addCategory')}
          </button>
        </div>
      </fieldset>
      {number('policy-vip', t('teamsSla.policies.minVip'), draft.minVipLevel, 'minVipLevel', 10)}
      <fieldset className="form-group">
        <legend>{t('teamsSla.policies.firstResponse')}</legend>
        <div className="inline-form">
          {number('policy-first-hours', t('teamsSla.policies.hours'), draft.firstHours, 'firstHours', 8760)}
          {number(
            'policy-first-minutes',
            t('teamsSla.policies.minutes'),
            draft.firstMinutes,
            'firstMinutes',
            59,
          )}
        </div>
      </fieldset>
      <fieldset className="form-group">
        <legend>{t('teamsSla.policies.resolution')}</legend>
        <div className="inline-form">
          {number(
            'policy-resolution-hours',
            t('teamsSla.policies.hours'),
            draft.resolutionHours,
            'resolutionHours',
            8760,
          )}
          {number(
            'policy-resolution-minutes',
            t('teamsSla.policies.minutes'),
            draft.resolutionMinutes,
            'resolutionMinutes',
            59,
          )}
        </div>
      </fieldset>
      {number('policy-warn', t('teamsSla.policies.warnPercent'), draft.warnPercent, 'warnPercent', 99)}
      {number('policy-order', t('teamsSla.policies.order'), draft.order, 'order', 10_000)}
      <fieldset className="form-group">
        <legend>{t('teamsSla.policies.calendar')}</legend>
        <label className="checkbox-label">
          <input
            type="radio"
            name="policy-calendar"
            checked={!draft.ownCalendar}
            onChange={() => set({ ownCalendar: false })}
          />
          {t('teamsSla.policies.teamCalendar')}
        </label>
        <label className="checkbox-label">
          <input
            type="radio"
            name="policy-calendar"
            checked={draft.ownCalendar}
            onChange={() => set({ ownCalendar: true })}
          />
          {t('teamsSla.policies.ownCalendar')}
        </label>
      </fieldset>
      {draft.ownCalendar ? (
        <CalendarEditor
          id="policy-calendar"
          value={draft.calendar}
          readOnly={false}
          onChange={(calendar) => set({ calendar })}
        />
      ) : null}
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
