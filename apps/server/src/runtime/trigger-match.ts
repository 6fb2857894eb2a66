import type { Channel, TicketEventKind } from '@flowdesk/model';

/**
 * Whether an incoming request or event starts a flow, given its trigger's
 * parsed config. Pure, so it is tested without a server.
 */

export interface RequestTriggerConfig {
  channels: Channel[];
  categories: string[];
  keywords: string[];
}

export interface RequestFacts {
  channel: Channel;
  category?: string;
  subject?: string;
  message: string;
}

export function requestMatches(config: RequestTriggerConfig, request: RequestFacts): boolean {
  if (config.channels.length > 0 && !config.channels.includes(request.channel)) return false;
  if (config.categories.length > 0 && !(request.category && config.categories.includes(request.category))) {
    return false;
  }
  if (config.keywords.length === 0) return true;
  const haystack = `${request.subject ?? ''}\n${request.message}`.toLowerCase();
  return config.keywords.some((keyword) => haystack.includes(keyword.toLowerCase()));
}

export interface ExternalEventTriggerConfig {
  eventName: string;
}

export function externalEventMatches(config: ExternalEventTriggerConfig, eventName: string): boolean {
  return config.eventName === eventName;
}

export interface TicketEventTriggerConfig {
  events: TicketEventKind[];
  statuses: string[];
}

export function ticketEventMatches(
  config: TicketEventTriggerConfig,
  event: { kind: TicketEventKind; status?: string },
): boolean {
  if (!config.events.includes(event.kind)) return false;
  if (event.kind !== 'status_changed' || config.statuses.length === 0) return true;
  return event.status !== undefined && config.statuses.includes(event.status);
}
