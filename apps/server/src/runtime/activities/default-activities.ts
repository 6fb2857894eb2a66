import type { ActivityHandler, ActivityRegistry } from '@flowdesk/desk';
import { httpRequestActivity } from './http-request.activity.ts';
import { sendMessageActivity } from './send-message.activity.ts';

export interface DefaultActivityOptions {
  readonly allowPrivateNetworks: boolean;
  /** Addresses of this server flows may call even on a private network (the demo services). */
  readonly trustedPrefixes?: readonly string[];
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
