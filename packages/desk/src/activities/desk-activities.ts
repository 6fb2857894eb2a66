import type { DeskDeps } from '../desk-deps.ts';
import type { ActivityHandler } from './activity.types.ts';
import { assignActivity } from './assign.activity.ts';
import { autoReplyActivity } from './auto-reply.activity.ts';
import { classifyActivity } from './classify.activity.ts';
import { createTicketActivity } from './create-ticket.activity.ts';
import { escalateActivity } from './escalate.activity.ts';
import { identifyCustomerActivity } from './identify-customer.activity.ts';
import { type SurveyLinkOptions, sendSurveyActivity } from './send-survey.activity.ts';
import { updateTicketActivity } from './update-ticket.activity.ts';

/** The service-desk activities by node type, for the runtime's registry. */
export function* deskActivities(deps: DeskDeps & SurveyLinkOptions): Iterable<[string, ActivityHandler]> {
  yield ['logic.classify', classifyActivity(deps)];
  yield ['action.identify_customer', identifyCustomerActivity(deps)];
  yield ['action.create_ticket', createTicketActivity(deps)];
  yield ['action.update_ticket', updateTicketActivity(deps)];
  yield ['action.assign', assignActivity(deps)];
  yield ['action.escalate', escalateActivity(deps)];
  yield ['action.send_survey', sendSurveyActivity(deps)];
  yield ['action.auto_reply', autoReplyActivity(deps)];
}
