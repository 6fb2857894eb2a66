import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useEffect, useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { apiErrorMessage } from '../api/api-error.ts';
import { useTRPC } from '../api/trpc.ts';
import { useSession } from '../auth/use-session.ts';
import { useLocale } from '../i18n/i18n.ts';
import { PublishOverlaps } from './publish-overlaps.tsx';
import { failingCasesOf, PublishTestFailures } from './publish-test-failures.tsx';
import { ShadowRunSection } from './shadow-run/shadow-run-section.tsx';

/** Publishing with a note, pinned to the draft revision on screen (a newer save elsewhere is a conflict). */
export function PublishDialog(props: {
  open: boolean;
  onClose: () => void;
  flowId: string;
  revision: number;
}) {
  const { t } = useTranslation();
  const locale = useLocale();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const dialog = useRef<HTMLDialogElement>(null);
  const noteId = useId();
  const [note, setNote] = useState('');
  // Saved test cases that fail block publishing; an admin may publish anyway with a note.
  const [overrideNote, setOverrideNote] = useState('');
  const isAdmin = useSession().data?.role === 'admin';
  // A shadow run's report of this draft, sent with the publish and stored with the version.
  const [shadowReportId, setShadowReportId] = useState<string | null>(null);
  const attached = shadowReportId ? { shadowReportId } : {};
  // Asked each time the dialog opens: other flows may have been published or switched since.
  const overlaps = useQuery({
    ...trpc.flows.overlaps.queryOptions({ id: props.flowId }),
    enabled: props.open,
    staleTime: 0,
  });
  const publish = useMutation(
    trpc.flows.publish.mutationOptions({
      onSuccess: async () => {
        await queryClient.invalidateQueries();
        setNote('');
        setOverrideNote('');
        props.onClose();
      },
    }),
  );
  useEffect(() => {
    const element = dialog.current;
    if (!element) return;
    if (props.open && !element.open) {
      publish.reset();
      element.showModal?.();
    }
    if (!props.open && element.open) element.close();
  }, [props.open, publish.reset]);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    publish.mutate({ id: props.flowId, note, expectedRevision: props.revision, ...attached });
  };

  return (
    <dialog ref={dialog} className="dialog" aria-labelledby={`${noteId}-title`} onClose={props.onClose}>
      <form onSubmit={submit}>
        <h2 id={`${noteId}-title`}>{t('publish.title')}</h2>
        <label htmlFor={noteId}>{t('publish.note')}</label>
        <textarea
          id={noteId}
          rows={3}
          maxLength={2000}
          value={note}
          onChange={(event) => setNote(event.target.value)}
        />
        <p className="help">{t('publish.noteHelp')}</p>
        <PublishOverlaps report={overlaps.data} loading={overlaps.isPending && props.open} />
        {props.open ? (
          <ShadowRunSection flowId={props.flowId} open={props.open} onAttach={setShadowReportId} />
        ) : null}
        {shadowReportId ? (
          <p className="notice" role="status">
            {t('shadow.attached')}
          </p>
        ) : null}
        {overlaps.error ? (
          <p role="alert" className="error-text">
            {apiErrorMessage(overlaps.error, locale, t('common.failed'))}
          </p>
        ) : null}
        {publish.error ? (
          <p role="alert" className="error-text">
            {apiErrorMessage(publish.error, locale, t('common.failed'))}
          </p>
        ) : null}
        <PublishTestFailures
          names={failingCasesOf(publish.error)}
          isAdmin={isAdmin}
          note={overrideNote}
          onNote={setOverrideNote}
          pending={publish.isPending}
          onOverride={() =>
            publish.mutate({
              id: props.flowId,
              note,
              expectedRevision: props.revision,
              override: { note: overrideNote.trim() },
              ...attached,
            })
          }
        />
        <div className="button-row">
          <button type="submit" className="primary" disabled={publish.isPending}>
            {t('publish.confirm')}
          </button>
          <button type="button" onClick={props.onClose}>
            {t('common.cancel')}
          </button>
        </div>
      </form>
    </dialog>
  );
}
