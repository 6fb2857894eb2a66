export * from './activities/activity.types.ts';
export { customerContact, localeOf } from './activities/activity-support.ts';
export { type AutoReplyConfig, autoReplyActivity } from './activities/auto-reply.activity.ts';
export { type ClassifyConfig, classifyNode } from './activities/classify.activity.ts';
export {
  DESK_ACTIVITY_MODULES,
  type DeskActivityDeps,
  type DeskActivityNodeType,
  deskActivities,
  type ServerActivityNodeType,
} from './activities/desk-activities.ts';
export { type SurveyLinkOptions, sendSurveyActivity } from './activities/send-survey.activity.ts';
export { renderForSimulation, simulated } from './activities/simulation-support.ts';
export * from './analytics/index.ts';
export * from './classification/index.ts';
export {
  type ContactDetails,
  type IdentifyBy,
  identitiesOf,
  normaliseEmail,
  normalisePhone,
} from './customers/customer-identity.ts';
export { type CustomerView, maskCustomer, ROLES_SEEING_PERSONAL_DATA } from './customers/customer-mask.ts';
export {
  type IdentifiedCustomer,
  type IdentifyOptions,
  identifyCustomer,
  primaryIdentity,
} from './customers/customer-service.ts';
export { detectLocale } from './customers/detect-locale.ts';
export {
  DEFAULT_PENDING_REMINDER_MINUTES,
  DEFAULT_TIMEZONE,
  type DeskClock,
  type DeskDeps,
  type DeskIds,
  type DeskScope,
} from './desk-deps.ts';
export { type DeskError, type DeskResult, deskErrorParams, deskErrorStatus } from './desk-errors.ts';
// Customers, tickets, routing and SLA.
export { customerData, ticketData } from './desk-flow-data.ts';
export {
  DESK_MESSAGES,
  type DeskMessageCode,
  type DeskMessageParams,
  deskMessage,
  isDeskMessageCode,
} from './desk-messages.ts';
export {
  type AnswerOutcome,
  answerQuestion,
  answerText,
  type KnowledgeAnswer,
} from './knowledge/knowledge-answer.ts';
export {
  type ArticleInput,
  ArticleInputSchema,
  articleFrom,
  type FeedbackInput,
  FeedbackInputSchema,
  recordAgentUse,
  recordFeedback,
} from './knowledge/knowledge-articles.ts';
export { KnowledgeIndexCache } from './knowledge/knowledge-cache.ts';
export { buildKnowledgeIndex, type KnowledgeHit, type KnowledgeIndex } from './knowledge/knowledge-index.ts';
// Notifications and surveys.
export { flowReplyOrigin } from './notifications/flow-reply-origin.ts';
export { inboxRecipient, writeInAppMessage } from './notifications/in-app-inbox.ts';
export {
  type ComposedMessage,
  composeMessage,
  type MessageContentConfig,
  type MessageWarning,
  pickLocalized,
} from './notifications/message-content.ts';
export {
  type Enqueue,
  type OutgoingReply,
  type ReplyOrigin,
  type ReplyRoute,
  type RoutedReply,
  replySubject,
  routeReply,
} from './notifications/reply-routing.ts';
export { hasSkills, queueOrder, raisePriority, rankCandidates } from './routing/agent-picker.ts';
export { ESCALATED_TAG, type EscalateInput, escalateTicket, SUPERVISOR_QUEUE } from './routing/escalation.ts';
export {
  CONFIRMATION_REMINDER_JOB,
  confirmCategory,
  handleConfirmationReminder,
  parkForConfirmation,
  type ReminderOutcome,
  TRIAGE_QUEUE,
} from './routing/pending-confirmation.ts';
export {
  type AssignOutcome,
  type AssignTarget,
  assignTicket,
  fillAgent,
  releaseCapacity,
  setAgentOnline,
} from './routing/routing-service.ts';
export { addBusinessTime, businessTimeBetween } from './sla/business-time.ts';
export { SLA_BREACH_JOB, SLA_WARNING_JOB, type SlaJobPayload } from './sla/sla-clock.ts';
export { handleSlaJob, listOverdue, type SlaJobOutcome } from './sla/sla-jobs.ts';
export { DEFAULT_WARN_AT_SHARE, pickSlaPolicy } from './sla/sla-policy.ts';
export {
  type AnswerInputProblem,
  answerSurvey,
  findSurveyByToken,
  parseSurveyAnswer,
  SCORE_RANGE,
  SURVEY_COMMENT_MAX_LENGTH,
  type SurveyAnswerOutcome,
  type SurveyLookup,
} from './surveys/survey-answer.ts';
export {
  createSurveyInvitation,
  type SurveyInvitation,
  type SurveyInvitationInput,
} from './surveys/survey-invitation.ts';
export {
  CSAT_SATISFIED_FROM,
  NPS_DETRACTOR_UP_TO,
  NPS_PROMOTER_FROM,
  QUALITY_REVIEW_MAX_SCORE,
  type ScoreSummary,
  summarizeScores,
} from './surveys/survey-scores.ts';
export { hashSurveyToken, isSurveyTokenShape, newSurveyToken } from './surveys/survey-token.ts';
export {
  parseSurveyJobPayload,
  SURVEY_ANSWERED_JOB,
  type SurveyAnsweredTriggerConfig,
  surveyAnsweredMatches,
  surveyData,
  surveyTriggerData,
} from './surveys/survey-trigger.ts';
export {
  type AgentReplyInput,
  type AgentReplyOutcome,
  AgentReplySchema,
  replyToCustomer,
} from './tickets/agent-reply.ts';
export { autoPriority, type CreateTicketInput, createTicket } from './tickets/ticket-create.ts';
export {
  type TicketEventTriggerConfig,
  ticketEventMatches,
  ticketEventTriggerData,
} from './tickets/ticket-event-trigger.ts';
export {
  parseTicketEventPayload,
  TICKET_EVENT_JOB,
  type TicketEventPayload,
} from './tickets/ticket-events.ts';
export {
  changeTicketStatus,
  closeTicket,
  reopenTicket,
  resolveTicket,
  type StatusChangeOptions,
} from './tickets/ticket-lifecycle.ts';
export { formatTicketNumber, isTicketNumber, localDateKey } from './tickets/ticket-number.ts';
export { claimTicket, listAgentQueue, listTeamQueue, releaseTicket } from './tickets/ticket-queues.ts';
export { allowedTransitions, SOLUTION_MAX_LENGTH, TICKET_TRANSITIONS } from './tickets/ticket-status.ts';
export {
  addInternalNote,
  recordAgentReply,
  recordCustomerReply,
  type TicketFieldsInput,
  updateTicketFields,
} from './tickets/ticket-update.ts';
