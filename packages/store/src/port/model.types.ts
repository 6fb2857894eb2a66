/** The model types the store keeps, imported in one place so the dependency is easy to see. */
export type { FlowGraph, FlowVersion, Locale } from '@flowdesk/model';
