/** The model types the store keeps, imported in one place so the dependency is easy to see. */
export type {
  Calendar,
  FlowGraph,
  FlowVersion,
  Locale,
  LocalizedText,
  Priority,
  TicketStatus,
} from '@flowdesk/model';
