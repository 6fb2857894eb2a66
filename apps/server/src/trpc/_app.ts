import { analyticsRouter } from './routers/analytics.router.ts';
import { anomaliesRouter } from './routers/anomalies.router.ts';
import { apiKeysRouter } from './routers/api-keys.router.ts';
import { approvalsRouter } from './routers/approvals.router.ts';
import { auditRouter } from './routers/audit.router.ts';
import { authRouter } from './routers/auth.router.ts';
import { channelsRouter } from './routers/channels.router.ts';
import { customersRouter } from './routers/customers.router.ts';
import { executionsRouter } from './routers/executions.router.ts';
import { flowAnalyticsRouter } from './routers/flow-analytics.router.ts';
import { flowsRouter } from './routers/flows.router.ts';
import { inboxRouter } from './routers/inbox.router.ts';
import { knowledgeRouter } from './routers/knowledge.router.ts';
import { messagesRouter } from './routers/messages.router.ts';
import { notificationsRouter } from './routers/notifications.router.ts';
import { reportsRouter } from './routers/reports.router.ts';
import { shadowRouter } from './routers/shadow.router.ts';
import { supervisorRouter } from './routers/supervisor.router.ts';
import { surveysRouter } from './routers/surveys.router.ts';
import { teamsRouter } from './routers/teams.router.ts';
import { templatesRouter } from './routers/templates.router.ts';
import { thresholdWhatIfRouter } from './routers/threshold-what-if.router.ts';
import { ticketsRouter } from './routers/tickets.router.ts';
import { usersRouter } from './routers/users.router.ts';
import { versionsRouter } from './routers/versions.router.ts';
import { workspaceRouter } from './routers/workspace.router.ts';
import { createCallerFactory, router } from './trpc.ts';

export const appRouter = router({
  auth: authRouter,
  apiKeys: apiKeysRouter,
  flows: flowsRouter,
  versions: versionsRouter,
  executions: executionsRouter,
  tickets: ticketsRouter,
  inbox: inboxRouter,
  customers: customersRouter,
  teams: teamsRouter,
  knowledge: knowledgeRouter,
  messages: messagesRouter,
  templates: templatesRouter,
  channels: channelsRouter,
  audit: auditRouter,
  workspace: workspaceRouter,
  approvals: approvalsRouter,
  notifications: notificationsRouter,
  users: usersRouter,
  analytics: analyticsRouter,
  anomalies: anomaliesRouter,
  flowAnalytics: flowAnalyticsRouter,
  reports: reportsRouter,
  surveys: surveysRouter,
  supervisor: supervisorRouter,
  shadow: shadowRouter,
  thresholdWhatIf: thresholdWhatIfRouter,
});

/** The only thing the web app imports from the server: the type, never the code. */
export type AppRouter = typeof appRouter;

export const createCaller = createCallerFactory(appRouter);
