import type { ActivityHandler, ActivityRegistry } from '@flowdesk/desk';
import { httpRequestActivity } from './http-request.activity.ts';
import { sendMessageActivity } from './send-message.activity.ts';

export interface DefaultActivityOptions {
  readonly allowPrivateNetworks: boolean;
  /** Demo mode: calls under this prefix are answered in-process by the demo services. */
  readonly demoPrefix?: string;
}

/**
 * The activities the runtime itself provides. The service-desk activities
 * (customers, tickets, routing, classification, surveys) are added by the desk.
 */
export function defaultActivities(
  options: DefaultActivityOptions,
  extra: Iterable<[string, ActivityHandler]> = [],
): ActivityRegistry {
  return new Map<string, ActivityHandler>([
    ['action.send_message', sendMessageActivity],
    ['action.http_request', httpRequestActivity(options)],
    ...extra,
  ]);
}
