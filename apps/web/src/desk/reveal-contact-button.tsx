import { useMutation } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { apiErrorMessage } from '../api/api-error.ts';
import { useTRPC } from '../api/trpc.ts';
import { useLocale } from '../i18n/i18n.ts';

function identityLabel(kind: string, t: (key: string, options?: Record<string, string>) => string): string {
  if (kind === 'phone' || kind === 'email') return t(`people.identity.${kind}`);
  return t('people.identity.channel', { channel: kind.replace(/^channel:/, '') });
}

/**
 * Contacts show only their last four characters; this reveals one ticket's
 * customer contact in full, for the roles the workspace allows. The server
 * writes each reveal to the audit log; a refused role sees why.
 */
export function RevealContactButton({ ticketId }: { ticketId: string }) {
  const { t } = useTranslation();
  const locale = useLocale();
  const trpc = useTRPC();
  const reveal = useMutation(trpc.tickets.revealContact.mutationOptions());
  if (reveal.data) {
    return (
      <div className="revealed-contact" role="status">
        <p className="muted">{t('people.revealedTitle')}</p>
        <dl>
          {reveal.data.identities.map((identity) => (
            <div key={`${identity.kind}:${identity.value}`}>
              <dt>{identityLabel(identity.kind, t)}</dt>
              <dd data-testid={`revealed-${identity.kind}`}>{identity.value}</dd>
            </div>
          ))}
        </dl>
      </div>
    );
  }
  return (
    <div className="reveal-contact">
      <button
        type="button"
        onClick={() => reveal.mutate({ ticketId })}
        disabled={reveal.isPending}
        title={t('people.revealHelp2')}
      >
        {t('people.revealButton')}
      </button>
      {reveal.error ? (
        <p role="alert" className="error-text">
          {apiErrorMessage(reveal.error, locale, t('common.failed'))}
        </p>
      ) : null}
    </div>
  );
}
