import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useLocale } from '../../i18n/i18n.ts';
import { formatDateTime } from '../../shared/format.ts';
import { shareText, skipLines, valueText } from './shadow-report-text.ts';
import type { ChangeGroup, OutcomeTotals, ShadowReportData } from './shadow-run.types.ts';
import { ShadowTraceCompare } from './shadow-trace-compare.tsx';

const SUMMARY_ROWS = [
  'started',
  'tickets',
  'handOffs',
  'autoReplies',
  'failedRequests',
  'recordedCalls',
  'notSimulatedCalls',
] as const satisfies readonly (keyof OutcomeTotals)[];

/** Keys of both sides' distributions, so a team only the draft uses still gets its row. */
const keysOf = (live: Record<string, number>, draft: Record<string, number>) =>
  [...new Set([...Object.keys(live), ...Object.keys(draft)])].sort();

/**
 * The impact report: live version and draft side by side over the same past
 * requests, then the requests whose outcome changes, grouped, each openable
 * as a side-by-side trace.
 */
export function ShadowReportView(props: { data: ShadowReportData; nodeLabel?: (nodeId: string) => string }) {
  const { t } = useTranslation();
  const locale = useLocale();
  const { report, coverage, teamNames } = props.data;
  const nodeLabel = props.nodeLabel ?? ((nodeId: string) => nodeId);
  const [openGroup, setOpenGroup] = useState<number | null>(null);
  const [openTrace, setOpenTrace] = useState<string | null>(null);
  const traces = new Map(props.data.traces.map((trace) => [trace.executionId, trace]));
  const distribution = (
    title: string,
    kind: string,
    live: Record<string, number>,
    draft: Record<string, number>,
  ) =>
    keysOf(live, draft).map((key) => (
      <tr key={`${title}-${key}`}>
        <th scope="row">
          {title}: {valueText(kind, key, teamNames, locale, t)}
        </th>
        <td>{live[key] ?? 0}</td>
        <td className={(live[key] ?? 0) !== (draft[key] ?? 0) ? 'shadow-changed' : undefined}>
          {draft[key] ?? 0}
        </td>
      </tr>
    ));
  const trace = openTrace ? traces.get(openTrace) : undefined;
  return (
    <div className="shadow-report">
      <p className="shadow-coverage">
        {t('shadow.coverage', {
          replayed: report.replayed,
          found: coverage.found,
          from: formatDateTime(coverage.from, locale),
          to: formatDateTime(coverage.to, locale),
        })}
        {coverage.cancelled ? <strong> {t('shadow.partialCancelled')}</strong> : null}
      </p>
      {report.skipped.length > 0 ? (
        <div className="shadow-skipped" role="note">
          <p>{t('shadow.skipped', { n: report.skipped.length })}</p>
          <ul>
            {skipLines(report, t).map((line) => (
              <li key={line.key}>{line.text}</li>
            ))}
          </ul>
        </div>
      ) : null}
      <p className="shadow-changed-count" data-testid="shadow-changed-count">
        <strong>
          {shareText(
            report.changedCount,
            report.replayed ? report.changedCount / report.replayed : 0,
            locale,
            t,
          )}
        </strong>{' '}
        {t('shadow.wouldChange')}
      </p>
      <div className="table-scroll">
        <table className="shadow-summary">
          <caption>{t('shadow.summaryCaption')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('shadow.measure')}</th>
              <th scope="col">{t('shadow.live')}</th>
              <th scope="col">{t('shadow.draft')}</th>
            </tr>
          </thead>
          <tbody>
            {SUMMARY_ROWS.map((row) => (
              <tr key={row}>
                <th scope="row">{t(`shadow.summary.${row}`)}</th>
                <td>{report.live[row]}</td>
                <td className={report.live[row] !== report.draft[row] ? 'shadow-changed' : undefined}>
                  {report.draft[row]}
                </td>
              </tr>
            ))}
            {distribution(t('shadow.facts.team'), 'team', report.live.teams, report.draft.teams)}
            {distribution(
              t('shadow.facts.priority'),
              'priority',
              report.live.priorities,
              report.draft.priorities,
            )}
            {distribution(
              t('shadow.facts.category'),
              'category',
              report.live.categories,
              report.draft.categories,
            )}
            {distribution(t('shadow.facts.sla'), 'sla', report.live.slaPolicies, report.draft.slaPolicies)}
            {distribution(
              t('shadow.facts.messages'),
              'messages',
              report.live.messages,
              report.draft.messages,
            )}
            {distribution(t('shadow.facts.branch'), 'branch', report.live.branches, report.draft.branches)}
          </tbody>
        </table>
      </div>
      <h4>{t('shadow.groupsTitle')}</h4>
      {report.groups.length === 0 ? <p className="muted">{t('shadow.noChanges')}</p> : null}
      <ul className="shadow-groups">
        {report.groups.map((group, index) => (
          <li key={`${group.kind}-${group.from}-${group.to}`}>
            <GroupSentence group={group} data={props.data} />
            <button
              type="button"
              aria-expanded={openGroup === index}
              onClick={() => setOpenGroup(openGroup === index ? null : index)}
            >
              {openGroup === index ? t('shadow.hideRequests') : t('shadow.showRequests')}
            </button>
            {openGroup === index ? (
              <ul className="shadow-requests">
                {group.executionIds.map((executionId) => {
                  const one = traces.get(executionId);
                  return (
                    <li key={executionId}>
                      {one ? (
                        <button type="button" onClick={() => setOpenTrace(executionId)}>
                          {t('shadow.openRequest', { when: formatDateTime(one.startedAt, locale) })}
                        </button>
                      ) : (
                        <span className="muted">{t('shadow.noTrace', { id: executionId })}</span>
                      )}
                    </li>
                  );
                })}
              </ul>
            ) : null}
          </li>
        ))}
      </ul>
      {trace ? (
        <ShadowTraceCompare
          trace={trace}
          teamNames={teamNames}
          nodeLabel={nodeLabel}
          onClose={() => setOpenTrace(null)}
        />
      ) : null}
    </div>
  );
}

function GroupSentence(props: { group: ChangeGroup; data: ShadowReportData }) {
  const { t } = useTranslation();
  const locale = useLocale();
  const { group } = props;
  const text = (value: string) => valueText(group.kind, value, props.data.teamNames, locale, t);
  return (
    <span className="shadow-group-text">
      <strong>{shareText(group.count, group.share, locale, t)}</strong>{' '}
      {t(`shadow.change.${group.kind}`, { from: text(group.from), to: text(group.to) })}
    </span>
  );
}
