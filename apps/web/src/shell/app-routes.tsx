import { lazy, Suspense } from 'react';
import { useTranslation } from 'react-i18next';
import { Navigate, Route, Routes } from 'react-router';
import { LoginPage } from '../auth/login-page.tsx';
import { ApprovalsPage } from '../desk/approvals-page.tsx';
import { HomeRedirect } from '../desk/inbox/home-redirect.tsx';
import { InboxPage } from '../desk/inbox/inbox-page.tsx';
import { SupervisorPage } from '../desk/supervisor/supervisor-page.tsx';
import { ExecutionsPage } from '../executions/executions-page.tsx';
import { KnowledgePage } from '../knowledge/knowledge-page.tsx';
import { FlowsPage } from '../pages/flows-page.tsx';
import { TemplatesPage } from '../pages/templates-page.tsx';
import { TicketsPage } from '../pages/tickets-page.tsx';
import { InvitePage } from '../people/invite-page.tsx';
import { SettingsPage } from '../settings/settings-page.tsx';
import { SurveysPage } from '../surveys/surveys-page.tsx';
import { AppShell } from './app-shell.tsx';

// The canvas (React Flow, dagre, the inspector) is its own chunk: the lists load without it.
const FlowEditorPage = lazy(() => import('../editor/flow-editor-page.tsx'));
const ExecutionTracePage = lazy(() => import('../executions/execution-trace-page.tsx'));
// Reports (weekly and monthly) load when opened.
const ReportsPage = lazy(() => import('../reports/reports-page.tsx'));
const VersionDiffPage = lazy(() => import('../versions/version-diff-page.tsx'));
const TicketPage = lazy(() => import('../desk/ticket-page/ticket-page.tsx'));
// The dashboard and its charts (ECharts) load when a manager opens it, not with the app.
const DashboardPage = lazy(() => import('../dashboard/dashboard-page.tsx'));

function Loading() {
  const { t } = useTranslation();
  return (
    <p className="loading" role="status">
      {t('common.loading')}
    </p>
  );
}

export function AppRoutes() {
  return (
    <Routes>
      <Route path="/login" element={<LoginPage />} />
      <Route path="/invite/:token" element={<InvitePage />} />
      <Route element={<AppShell />}>
        <Route index element={<HomeRedirect />} />
        <Route path="flows" element={<FlowsPage />} />
        <Route
          path="flows/:flowId"
          element={
            <Suspense fallback={<Loading />}>
              <FlowEditorPage />
            </Suspense>
          }
        />
        <Route
          path="flows/:flowId/diff/:from/:to"
          element={
            <Suspense fallback={<Loading />}>
              <VersionDiffPage />
            </Suspense>
          }
        />
        <Route path="templates" element={<TemplatesPage />} />
        <Route path="executions" element={<ExecutionsPage />} />
        <Route
          path="executions/:executionId"
          element={
            <Suspense fallback={<Loading />}>
              <ExecutionTracePage />
            </Suspense>
          }
        />
        <Route path="inbox" element={<InboxPage />} />
        <Route path="tickets" element={<TicketsPage />} />
        <Route
          path="tickets/:ticketId"
          element={
            <Suspense fallback={<Loading />}>
              <TicketPage />
            </Suspense>
          }
        />
        <Route path="approvals" element={<ApprovalsPage />} />
        <Route path="supervisor" element={<SupervisorPage />} />
        <Route
          path="dashboard"
          element={
            <Suspense fallback={<Loading />}>
              <DashboardPage />
            </Suspense>
          }
        />
        <Route path="surveys" element={<SurveysPage />} />
        <Route path="knowledge" element={<KnowledgePage />} />
        <Route
          path="reports"
          element={
            <Suspense fallback={<Loading />}>
              <ReportsPage />
            </Suspense>
          }
        />
        <Route path="settings" element={<SettingsPage />} />
        <Route path="*" element={<Navigate to="/flows" replace />} />
      </Route>
    </Routes>
  );
}
