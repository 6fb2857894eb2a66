import { isLocale } from '@flowdesk/model';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { createRoot } from 'react-dom/client';
import { I18nextProvider } from 'react-i18next';
import { createApiClient, TRPCProvider } from '../../src/api/trpc.ts';
import { TicketWorkPanel } from '../../src/desk/ticket-actions/ticket-work-panel.tsx';
import { createI18n } from '../../src/i18n/i18n.ts';
import '../../src/styles.css';

/*
 * Test-only page: the work panel alone, for the acting e2e while the app's
 * ticket page (another part of issue 13) is not routed yet. Vite serves it
 * and proxies /trpc to the e2e server, so the session cookie and the
 * same-origin check behave as in the app. Never part of the app's build.
 */
const params = new URLSearchParams(location.search);
const ticketId = params.get('ticket') ?? '';
const lang = params.get('lang');
const queryClient = new QueryClient({
  defaultOptions: { queries: { retry: false, refetchOnWindowFocus: false } },
});
const root = document.getElementById('root');
if (root) {
  createRoot(root).render(
    <I18nextProvider i18n={createI18n(isLocale(lang) ? lang : 'en')}>
      <QueryClientProvider client={queryClient}>
        <TRPCProvider trpcClient={createApiClient()} queryClient={queryClient}>
          <div className="ticket-work-harness">
            <TicketWorkPanel ticketId={ticketId} />
          </div>
        </TRPCProvider>
      </QueryClientProvider>
    </I18nextProvider>,
  );
}
