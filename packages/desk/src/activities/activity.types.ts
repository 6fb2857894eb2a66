import type { ActivityCommand, ActivityNodeType, ActivityResult } from '@flowdesk/engine';
import type { NodeConfig } from '@flowdesk/model';
import type { EnqueueJobInput, JsonObject, StoreRepositories } from '@flowdesk/store';

/**
 * An activity carries out an action node. `inline` activities change only
 * FlowDesk's own data and run inside the transaction that records the step, so
 * both commit or neither does. `deferred` activities wait on the outside world
 * (an HTTP call whose answer the flow needs); they run from a durable job,
 * outside any transaction, and may run more than once: receivers get the
 * idempotency key.
 */
export interface ActivityContext {
  readonly executionId: string;
  /** `executionId:nodeId:visit`, stable across retries of the same visit. */
  readonly idempotencyKey: string;
  readonly now: Date;
  /** Dry runs (editor test runs) simulate effects and send nothing. */
  readonly dryRun: boolean;
}

export interface InlineActivityContext extends ActivityContext {
  readonly tx: StoreRepositories;
  /** Enqueues a durable job in the same transaction (outbox deliveries). */
  enqueue(job: Omit<EnqueueJobInput, 'id' | 'now'>): Promise<void>;
  /** Records something the intake response should show (ticket number, immediate replies). */
  produce(output: ProducedItem): void;
  /**
   * True while the step runs inside an intake call whose caller receives the
   * produced replies (a chat, a WeChat passive reply, the API answer); false in
   * background steps, where a reply must be delivered on the channel itself.
   */
  readonly answering: boolean;
}

export type ProducedItem =
  | { kind: 'reply'; channel: string; text: string }
  | { kind: 'ticket'; number: string };

/** A command whose config is typed by its node type's catalog schema (the engine parsed it with it). */
export type TypedActivityCommand<T extends ActivityNodeType> = Omit<ActivityCommand, 'config'> & {
  readonly config: NodeConfig<T>;
};

type HandlerFor<Command> =
  | {
      readonly mode: 'inline';
      run(command: Command, ctx: InlineActivityContext): Promise<ActivityResult>;
    }
  | {
      readonly mode: 'deferred';
      run(command: Command, ctx: ActivityContext): Promise<ActivityResult>;
    };

/** What the runtime's registry holds: it looks a handler up by the command's node type. */
export type ActivityHandler = HandlerFor<ActivityCommand>;
/** One node type's activity, reading its config without casts. */
export type TypedActivityHandler<T extends ActivityNodeType> = HandlerFor<TypedActivityCommand<T>>;

/** What a dry run notes for its report: something a real run would have sent or called. */
export type SimulatedEffectKind = 'message' | 'http' | 'survey';

export interface SimulationContext {
  /** The dry run's day (`YYYY-MM-DD`), for the ticket numbers it makes up. */
  readonly today: string;
  /** `missing`: fields the text names that had no value, shown beside it (the text itself has nothing there). */
  note(kind: SimulatedEffectKind, summary: string, missing?: readonly string[]): void;
  /**
   * The customer the test run is about, as `customerData()` shapes a stored
   * profile (an existing customer, or one set by hand): what looking the
   * sender up would find. Absent: the sender is someone we have never seen.
   */
  readonly customer?: JsonObject;
}

/**
 * Everything about one activity node type, side by side: the real activity,
 * built from what it needs, and what a dry run (the editor's test run,
 * `flowdesk run`) shows instead, computed from the data with nothing stored or
 * sent. Registries are typed by the catalog's unions, so a node type without
 * its module does not compile.
 */
export interface ActivityModule<T extends ActivityNodeType, Deps> {
  readonly type: T;
  handler(deps: Deps): TypedActivityHandler<T>;
  simulate(command: TypedActivityCommand<T>, simulation: SimulationContext): ActivityResult;
}

/** Handlers by node type. The desk registers the service-desk activities here. */
export type ActivityRegistry = ReadonlyMap<string, ActivityHandler>;
