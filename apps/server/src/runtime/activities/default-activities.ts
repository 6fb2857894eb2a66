import type {
  ActivityHandler,
  ActivityModule,
  ActivityRegistry,
  ServerActivityNodeType,
} from '@flowdesk/desk';
import { httpRequestModule } from './http-request.activity.ts';
import { sendMessageModule } from './send-message.activity.ts';

export interface DefaultActivityOptions {
  readonly allowPrivateNetworks: boolean;
  /** Demo mode: calls under this prefix are answered in-process by the demo services. */
  readonly demoPrefix?: string;
}

/** Typed by the desk's split of the catalog's activity types, so neither side can miss one. */
export const SERVER_ACTIVITY_MODULES: {
  readonly [T in ServerActivityNodeType]: ActivityModule<T, DefaultActivityOptions>;
} = {
  'action.send_message': sendMessageModule,
  'action.http_request': httpRequestModule,
};

/**
 * The activities the runtime itself provides. The service-desk activities
 * (customers, tickets, routing, classification, surveys) are added by the desk.
 */
export function defaultActivities(
  options: DefaultActivityOptions,
  extra: Iterable<[string, ActivityHandler]> = [],
): ActivityRegistry {
  return new Map<string, ActivityHandler>([
    ...Object.values(SERVER_ACTIVITY_MODULES).map((module): [string, ActivityHandler] => [
      module.type,
      module.handler(options),
    ]),
    ...extra,
  ]);
}
