import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { apiErrorMessage } from '../api/api-error.ts';
import { useTRPC } from '../api/trpc.ts';
import { useSession } from '../auth/use-session.ts';
import { useLocale } from '../i18n/i18n.ts';
import { formatDateTime } from '../shared/format.ts';
import { failingCasesOf, PublishTestFailures } from './publish-test-failures.tsx';
import { VersionShadowReport } from './shadow-run/version-shadow-report.tsx';

/** Published versions, newest first, with the live one marked and executions still running on each. */
export function VersionsPanel(props: {
  flowId: string;
  liveVersion: number | null;
  runningByVersion: ReadonlyArray<{ version: number; running: number }>;
  readOnly?: boolean;
}) {
  const { t } = useTranslation();
  const locale = useLocale();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const versions = useQuery(trpc.versions.list.queryOptions({ flowId: props.flowId }));
  const rollback = useMutation(
    trpc.versions.rollback.mutationOptions({
      onSuccess: () => queryClient.invalidateQueries(),
    }),
  );
  const running = new Map(props.runningByVersion.map((entry) => [entry.version, entry.running]));
  const isAdmin = useSession().data?.role === 'admin';
  // Rollback runs the saved test cases like publish: failing ones are listed, and an admin may override with a note.
  const [target, setTarget] = useState<number>();
  const [overrideNote, setOverrideNote] = useState('');
  const failing = failingCasesOf(rollback.error);
  const rollBack = (version: number, override?: { note: string }) => {
    setTarget(version);
    rollback.mutate({ flowId: props.flowId, version, ...(override ? { override } : {}) });
  };

  if (versions.data?.length === 0) return <p className="muted">{t('versions.none')}</p>;
  return (
    <div className="versions-panel">
      {rollback.error ? (
        <p role="alert" className="error-text">
          {apiErrorMessage(rollback.error, locale, t('common.failed'))}
        </p>
      ) : null}
      {target !== undefined ? (
        <PublishTestFailures
          names={failing}
          isAdmin={isAdmin}
          note={overrideNote}
          onNote={setOverrideNote}
          onOverride={() => rollBack(target, { note: overrideNote.trim() })}
          pending={rollback.isPending}
        />
      ) : null}
      {rollback.data ? (
        <p role="status" className="notice">
          {t('versions.rolledBack', { version: rollback.data.version, from: rollback.data.rolledBackTo })}
        </p>
      ) : null}
      <ol className="version-list">
        {versions.data?.map((version) => (
          <li key={version.version} className="version-item">
            <div>
              <strong>v{version.version}</strong>
              {version.version === props.liveVersion ? (
                <span className="badge badge-live">{t('versions.live')}</span>
              ) : null}
              <span className="badge">
                {t('versions.running', { count: running.get(version.version) ?? 0 })}
              </span>
            </div>
            <div className="muted small">{formatDateTime(version.publishedAt, locale)}</div>
            {version.note ? <p className="version-note">{version.note}</p> : null}
            <VersionShadowReport flowId={props.flowId} version={version.version} />
            <div className="button-row small">
              <Link to={`/flows/${encodeURIComponent(props.flowId)}/diff/${version.version}/draft`}>
                {t('diff.compareWithDraft')}
              </Link>
              {version.version > 1 ? (
                <Link
                  to={`/flows/${encodeURIComponent(props.flowId)}/diff/${version.version - 1}/${version.version}`}
                >
                  {t('diff.compareWithPrevious')}
                </Link>
              ) : null}
            </div>
            {version.version !== props.liveVersion && !props.readOnly ? (
              <button
                type="button"
                disabled={rollback.isPending}
                onClick={() => {
                  if (window.confirm(t('versions.confirmRollback', { version: version.version }))) {
                    rollBack(version.version);
                  }
                }}
              >
                {t('versions.rollback')}
              </button>
            ) : null}
          </li>
        ))}
      </ol>
    </div>
  );
}
