import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Plus, Upload } from 'lucide-react';
import { type ChangeEvent, type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { apiErrorMessage } from '../api/api-error.ts';
import { useTRPC } from '../api/trpc.ts';
import { mayEditFlows } from '../auth/may-edit-flows.ts';
import { useSession } from '../auth/use-session.ts';
import { useLocale } from '../i18n/i18n.ts';
import { EmptyState } from './empty-state.tsx';
import { FlowListTable, matchingFlows } from './flow-list-table.tsx';

export function FlowsPage() {
  const { t } = useTranslation();
  const locale = useLocale();
  const trpc = useTRPC();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const flows = useQuery(trpc.flows.list.queryOptions());
  const [name, setName] = useState('');
  const [search, setSearch] = useState('');
  const [importError, setImportError] = useState<string>();
  const open = (id: string) => {
    void queryClient.invalidateQueries({ queryKey: trpc.flows.list.queryKey() });
    navigate(`/flows/${encodeURIComponent(id)}`);
  };
  const create = useMutation(trpc.flows.create.mutationOptions({ onSuccess: ({ id }) => open(id) }));
  const canEdit = mayEditFlows(useSession().data?.role);
  const refreshList = () => queryClient.invalidateQueries({ queryKey: trpc.flows.list.queryKey() });
  const setEnabled = useMutation(trpc.flows.setEnabled.mutationOptions({ onSettled: refreshList }));
  const move = useMutation(trpc.flows.move.mutationOptions({ onSettled: refreshList }));
  const listError = setEnabled.error ?? move.error;
  const importFile = useMutation(
    trpc.flows.importFile.mutationOptions({
      onSuccess: ({ id }) => open(id),
      onError: (error) => setImportError(apiErrorMessage(error, locale, t('flows.importFailed'))),
    }),
  );

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (name.trim()) create.mutate({ name: name.trim() });
  };

  const readFile = async (event: ChangeEvent<HTMLInputElement>) => {
    const file = event.target.files?.[0];
    event.target.value = '';
    if (!file) return;
    setImportError(undefined);
    try {
      importFile.mutate({ file: JSON.parse(await file.text()) as unknown });
    } catch {
      setImportError(t('flows.importNotJson'));
    }
  };

  return (
    <>
      <div className="page-header">
        <h1>{t('nav.flows')}</h1>
        <form className="inline-form" onSubmit={submit}>
          <label htmlFor="new-flow-name">{t('flows.newName')}</label>
          <input
            id="new-flow-name"
            value={name}
            maxLength={200}
            onChange={(event) => setName(event.target.value)}
            placeholder={t('flows.newNamePlaceholder')}
          />
          <button type="submit" className="primary" disabled={!name.trim() || create.isPending}>
            <Plus size={16} aria-hidden="true" />
            {t('flows.create')}
          </button>
          <label className="button file-button">
            <Upload size={16} aria-hidden="true" />
            {t('flows.import')}
            <input
              type="file"
              accept=".json,application/json"
              onChange={readFile}
              className="visually-hidden"
            />
          </label>
        </form>
      </div>
      {create.error ? (
        <p role="alert" className="error-text">
          {apiErrorMessage(create.error, locale, t('common.failed'))}
        </p>
      ) : null}
      {listError ? (
        <p role="alert" className="error-text">
          {apiErrorMessage(listError, locale, t('common.failed'))}
        </p>
      ) : null}
      {importError ? (
        <p role="alert" className="error-text">
          {importError}
        </p>
      ) : null}
      {flows.isPending ? <p role="status">{t('common.loading')}</p> : null}
      {flows.data?.length === 0 ? (
        <EmptyState title={t('flows.emptyTitle')}>
          <p>{t('flows.emptyBody')}</p>
        </EmptyState>
      ) : null}
      {flows.data && flows.data.length > 0 ? (
        <label className="search-field">
          {t('flows.search')}
          <input
            type="search"
            value={search}
            maxLength={200}
            placeholder={t('flows.searchPlaceholder')}
            onChange={(event) => setSearch(event.target.value)}
          />
        </label>
      ) : null}
      {flows.data &&
      flows.data.length > 0 &&
      search.trim() &&
      matchingFlows(flows.data, search).length === 0 ? (
        <p role="status">{t('flows.noMatch', { search: search.trim() })}</p>
      ) : null}
      {flows.data && flows.data.length > 0 ? (
        <FlowListTable
          search={search}
          flows={flows.data}
          canEdit={canEdit}
          busy={setEnabled.isPending || move.isPending}
          onToggle={(id, enabled) => setEnabled.mutate({ id, enabled })}
          onMove={(id, direction) => move.mutate({ id, direction })}
        />
      ) : null}
    </>
  );
}
