import { getNodeType, type Locale } from '@flowdesk/model';
import { ArrowDown, ArrowUp } from 'lucide-react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useLocale } from '../i18n/i18n.ts';
import { flowDisplayName, flowNames, type NamedFlow } from '../shared/flow-name.ts';
import { formatDateTime } from '../shared/format.ts';

export interface FlowListRow extends NamedFlow {
  readonly id: string;
  readonly latestVersion: number | null;
  readonly updatedAt: string;
  /** Missing from a server older than the on/off switch: on. */
  readonly enabled?: boolean;
  readonly position?: number;
  /** The node type of the trigger it starts on (live version's, else the draft's). */
  readonly triggerType?: string | null;
  /** The draft differs from the live version. */
  readonly hasUnpublishedChanges?: boolean;
}

function triggerLabel(row: FlowListRow, locale: Locale): string {
  if (!row.triggerType) return '';
  return getNodeType(row.triggerType)?.label[locale] ?? row.triggerType;
}

/**
 * The flows whose name or trigger contains `search` (any case); a trigger
 * matches in either language, so 收到请求 and "Request received" both find it.
 */
export function matchingFlows<T extends FlowListRow>(rows: readonly T[], search: string): T[] {
  const term = search.trim().toLowerCase();
  if (!term) return [...rows];
  return rows.filter((row) =>
    [...flowNames(row), triggerLabel(row, 'zh-CN'), triggerLabel(row, 'en')].some((text) =>
      text.toLowerCase().includes(term),
    ),
  );
}

/** Rows in the order intake tries live flows: position, then as the server listed them. */
export function inIntakeOrder<T extends FlowListRow>(rows: readonly T[]): T[] {
  return rows
    .map((row, index) => ({ row, index }))
    .sort((a, b) => (a.row.position ?? 0) - (b.row.position ?? 0) || a.index - b.index)
    .map(({ row }) => row);
}

/**
 * The flow list: each flow with its on/off switch and up/down buttons for the
 * order in which live flows are tried. The page wires the callbacks to the
 * server; viewers see the state without the controls working.
 */
export function FlowListTable(props: {
  flows: readonly FlowListRow[];
  canEdit: boolean;
  busy?: boolean;
  onToggle: (id: string, enabled: boolean) => void;
  onMove: (id: string, direction: 'up' | 'down') => void;
  /** Shows only the flows whose name or trigger contains it; the order buttons rest meanwhile. */
  search?: string;
}) {
  const { t } = useTranslation();
  const locale = useLocale();
  const searching = Boolean(props.search?.trim());
  const rows = matchingFlows(inIntakeOrder(props.flows), props.search ?? '');
  const disabled = !props.canEdit || props.busy === true;
  const orderDisabled = disabled || searching;
  return (
    <table className="data-table">
      <caption className="visually-hidden">{t('nav.flows')}</caption>
      <thead>
        <tr>
          <th scope="col" title={t('flows.orderHelp')}>
            {t('flows.order')}
          </th>
          <th scope="col" title={t('flows.activeHelp')}>
            {t('flows.active')}
          </th>
          <th scope="col">{t('flows.name')}</th>
          <th scope="col">{t('flows.trigger')}</th>
          <th scope="col">{t('flows.liveVersion')}</th>
          <th scope="col">{t('flows.updatedAt')}</th>
        </tr>
      </thead>
      <tbody>
        {rows.map((flow, index) => (
          <tr key={flow.id} className={flow.enabled === false ? 'muted' : undefined}>
            <td>
              <span className="button-row">
                <button
                  type="button"
                  className="icon-button"
                  aria-label={t('flows.moveUp', { name: flowDisplayName(flow, locale) })}
                  disabled={orderDisabled || index === 0}
                  onClick={() => props.onMove(flow.id, 'up')}
                >
                  <ArrowUp size={14} aria-hidden="true" />
                </button>
                <button
                  type="button"
                  className="icon-button"
                  aria-label={t('flows.moveDown', { name: flowDisplayName(flow, locale) })}
                  disabled={orderDisabled || index === rows.length - 1}
                  onClick={() => props.onMove(flow.id, 'down')}
                >
                  <ArrowDown size={14} aria-hidden="true" />
                </button>
              </span>
            </td>
            <td>
              <input
                type="checkbox"
                role="switch"
                aria-label={t('flows.activeLabel', { name: flowDisplayName(flow, locale) })}
                aria-checked={flow.enabled !== false}
                checked={flow.enabled !== false}
                disabled={disabled}
                onChange={(event) => props.onToggle(flow.id, event.target.checked)}
              />
            </td>
            <td>
              <Link to={`/flows/${encodeURIComponent(flow.id)}`}>{flowDisplayName(flow, locale)}</Link>
            </td>
            <td>{triggerLabel(flow, locale)}</td>
            <td>
              {flow.latestVersion ? `v${flow.latestVersion}` : t('flows.notPublished')}
              {flow.latestVersion && flow.hasUnpublishedChanges ? (
                <span className="badge draft-changed"> {t('flows.unpublishedChanges')}</span>
              ) : null}
            </td>
            <td>{formatDateTime(flow.updatedAt, locale)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
