import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { apiErrorData } from '../api/api-error.ts';

/** The failing cases a refused publish names (`publish_tests_failed`), read loosely: it crossed the network. */
export function failingCasesOf(error: unknown): string[] {
  const data = apiErrorData(error) as { appCode?: string; failingCases?: unknown };
  if (data.appCode !== 'publish_tests_failed' || !Array.isArray(data.failingCases)) return [];
  return data.failingCases.flatMap((entry: unknown) =>
    typeof entry === 'object' && entry !== null && typeof (entry as { name?: unknown }).name === 'string'
      ? [(entry as { name: string }).name]
      : [],
  );
}

/**
 * Shown when publishing was refused because saved test cases fail: which
 * ones, and for an admin a note to publish anyway (the server records it).
 */
export function PublishTestFailures(props: {
  names: readonly string[];
  isAdmin: boolean;
  note: string;
  onNote: (note: string) => void;
  onOverride: () => void;
  pending: boolean;
}) {
  const { t } = useTranslation();
  const id = useId();
  if (props.names.length === 0) return null;
  return (
    <section
      className="publish-test-failures"
      aria-labelledby={`${id}-title`}
      data-testid="publish-test-failures"
    >
      <h3 id={`${id}-title`}>{t('publish.testsFailedTitle')}</h3>
      <ul>
        {props.names.map((name) => (
          <li key={name}>{name}</li>
        ))}
      </ul>
      {props.isAdmin ? (
        <>
          <label htmlFor={`${id}-note`}>{t('publish.overrideNote')}</label>
          <textarea
            id={`${id}-note`}
            rows={2}
            maxLength={2000}
            value={props.note}
            onChange={(event) => props.onNote(event.target.value)}
          />
          <button type="button" disabled={!props.note.trim() || props.pending} onClick={props.onOverride}>
            {t('publish.overrideConfirm')}
          </button>
        </>
      ) : (
        <p className="help">{t('publish.overrideEditorsHint')}</p>
      )}
    </section>
  );
}
