export * from './activities/activity.types.ts';
export { type ClassifyConfig, classifyNode } from './activities/classify.activity.ts';
export { deskActivities } from './activities/desk-activities.ts';
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
} from './customers/customer-service.ts';
export {
  DEFAULT_PENDING_REMINDER_MINUTES,
  DEFAULT_TIMEZONE,
  type DeskClock,
  type DeskDeps,
  type DeskIds,
  type DeskScope,
} from './desk-deps.ts';
export { type DeskError, type DeskResult, deskErrorStatus } from './desk-errors.ts';
// Customers, tickets, routing and SLA.
export { customerData, ticketData } from './desk-flow-data.ts';
export { hasSkills, raisePriority, rankCandidates } from './routing/agent-picker.ts';
export { type EscalateInput, escalateTicket, SUPERVISOR_QUEUE } from './routing/escalation.ts';
export {
  CONFIRMATION_REMINDER_JOB,
  confirmCategory,
  handleConfirmationReminder,
  parkForConfirmation,
  type ReminderOutcome,
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
export { claimTicket, listAgentQueue, listTeamQueue } from './tickets/ticket-queues.ts';
export { allowedTransitions, SOLUTION_MAX_LENGTH, TICKET_TRANSITIONS } from './tickets/ticket-status.ts';
export {
  addInternalNote,
  recordAgentReply,
  recordCustomerReply,
  type TicketFieldsInput,
  updateTicketFields,
} from './tickets/ticket-update.ts';
