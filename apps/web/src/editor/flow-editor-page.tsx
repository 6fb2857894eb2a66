import { useQuery } from '@tanstack/react-query';
import { ReactFlowProvider } from '@xyflow/react';
import '@xyflow/react/dist/style.css';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import { apiErrorMessage } from '../api/api-error.ts';
import { useTRPC } from '../api/trpc.ts';
import { useLocale } from '../i18n/i18n.ts';
import { FlowEditor } from './flow-editor.tsx';

/** Loads a flow's draft and mounts the editor; reloading (after a conflict) mounts a fresh one. */
export default function FlowEditorPage() {
  const { t } = useTranslation();
  const locale = useLocale();
  const { flowId = '' } = useParams();
  const trpc = useTRPC();
  const [generation, setGeneration] = useState(0);
  const flow = useQuery(trpc.flows.get.queryOptions({ id: flowId }));
  // Coming back to a flow, the cache holds the draft as first loaded: the editor keeps what it mounts
  // with, so it waits for the draft as stored now instead of showing (and then saving over) an old one.
  const fresh = flow.isFetchedAfterMount || Boolean(flow.error);
  if (flow.isPending || !fresh) return <p role="status">{t('common.loading')}</p>;
  if (flow.error) {
    return (
      <p role="alert" className="error-text">
        {apiErrorMessage(flow.error, locale, t('common.failed'))}
      </p>
    );
  }
  return (
    <ReactFlowProvider>
      <FlowEditor
        key={`${flowId}:${generation}`}
        flow={flow.data}
        onReload={async () => {
          await flow.refetch();
          setGeneration((value) => value + 1);
        }}
      />
    </ReactFlowProvider>
  );
}
