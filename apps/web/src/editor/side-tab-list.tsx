import type { Problem } from '@flowdesk/model';
import { useTranslation } from 'react-i18next';
import { SIDE_TABS, type SideTab } from './side-tabs.ts';

/** The side panel's tabs; the Problems tab carries a count, red while any problem is an error. */
export function SideTabList(props: {
  tab: SideTab;
  onSelect: (tab: SideTab) => void;
  problems: readonly Problem[];
}) {
  const { t } = useTranslation();
  const { problems } = props;
  const hasErrors = problems.some((problem) => problem.severity === 'error');
  return (
    <div className="tabs" role="tablist">
      {SIDE_TABS.map((id) => (
        <button
          key={id}
          type="button"
          role="tab"
          id={`tab-${id}`}
          aria-selected={props.tab === id}
          aria-controls={`panel-${id}`}
          onClick={() => props.onSelect(id)}
        >
          {t(`editor.tab.${id}`)}
          {id === 'problems' && problems.length > 0 ? (
            <span
              className={`badge ${hasErrors ? 'badge-error' : 'badge-warning'}`}
              data-testid="problem-count"
            >
              {problems.length}
            </span>
          ) : null}
        </button>
      ))}
    </div>
  );
}
