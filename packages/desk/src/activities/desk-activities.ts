import type { ActivityNodeType } from '@flowdesk/engine';
import type { DeskDeps } from '../desk-deps.ts';
import type { ActivityHandler, ActivityModule } from './activity.types.ts';
import { assignModule } from './assign.activity.ts';
import { autoReplyModule } from './auto-reply.activity.ts';
import { classifyModule } from './classify.activity.ts';
import { createTicketModule } from './create-ticket.activity.ts';
import { escalateModule } from './escalate.activity.ts';
import { identifyCustomerModule } from './identify-customer.activity.ts';
import { type SurveyLinkOptions, sendSurveyModule } from './send-survey.activity.ts';
import { updateTicketModule } from './update-ticket.activity.ts';

/** Activities the server provides itself: they leave the system through its outbox and guarded HTTP client. */
export type ServerActivityNodeType = 'action.send_message' | 'action.http_request';
/** Every other activity node type is the desk's: a new one in the catalog fails to compile until it is here. */
export type DeskActivityNodeType = Exclude<ActivityNodeType, ServerActivityNodeType>;

export type DeskActivityDeps = DeskDeps & SurveyLinkOptions;

export const DESK_ACTIVITY_MODULES: {
  readonly [T in DeskActivityNodeType]: ActivityModule<T, DeskActivityDeps>;
} = {
  'logic.classify': classifyModule,
  'action.identify_customer': identifyCustomerModule,
  'action.create_ticket': createTicketModule,
  'action.update_ticket': updateTicketModule,
  'action.assign': assignModule,
  'action.escalate': escalateModule,
  'action.send_survey': sendSurveyModule,
  'action.auto_reply': autoReplyModule,
};

/** The service-desk activities by node type, for the runtime's registry. */
export function* deskActivities(deps: DeskActivityDeps): Iterable<[string, ActivityHandler]> {
  for (const module of Object.values(DESK_ACTIVITY_MODULES)) yield [module.type, module.handler(deps)];
}
