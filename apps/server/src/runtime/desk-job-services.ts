import type { DeskDeps } from '@flowdesk/desk';
import type { Store } from '@flowdesk/store';
import type { Logger } from '../app-deps.ts';
import type { ExecutionDriver } from './execution-driver.ts';
import type { PublishedFlows } from './published-flows.ts';

/** What the desk jobs and the resume paths they run (ticket-event waits, survey answers) share. */
export interface DeskJobServices {
  readonly store: Store;
  readonly flows: PublishedFlows;
  readonly driver: ExecutionDriver;
  /** The desk's own deps, for the workspace the runtime serves. */
  readonly desk: DeskDeps & { workspaceId: string };
  readonly log: Logger;
}
