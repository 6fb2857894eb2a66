import type { EngineMessageCode } from '../engine-messages.ts';
import type { FlowData } from '../flow-data.schema.ts';
import type { Calendar, Locale, MessageParams, WaitEvent } from '../model-imports.ts';

/** What executing one node decided; the run loop turns it into steps and commands. */
export type NodeOutcome =
  | {
      readonly kind: 'port';
      readonly port: string;
      readonly input: Record<string, unknown>;
      readonly output: Record<string, unknown>;
      /** The data after this node, when it changed it. */
      readonly data?: FlowData;
    }
  | { readonly kind: 'failure'; readonly failure: NodeFailure; readonly input: Record<string, unknown> }
  | { readonly kind: 'activity' }
  | { readonly kind: 'wait'; readonly wait: PlannedWait }
  | { readonly kind: 'end'; readonly outcome: 'completed' | 'cancelled' };

/** Stored as code and params; each reader gets the text in their language at the edge. */
export interface NodeFailure {
  readonly code: EngineMessageCode | string;
  readonly params: MessageParams;
  readonly retryable: boolean;
}

export interface PlannedWait {
  readonly until?: string;
  /** `approval`: a person's decision on an "Ask for approval" step. */
  readonly event?: { readonly name: WaitEvent | 'approval'; readonly statuses?: string[] };
  readonly timeoutAt?: string;
}

/** What nodes may know besides the data: all passed in, nothing read from the host. */
export interface NodeEnvironment {
  readonly now: string;
  readonly locale: Locale;
  readonly timezone: string;
  readonly calendars: Readonly<Record<string, Calendar>>;
}
