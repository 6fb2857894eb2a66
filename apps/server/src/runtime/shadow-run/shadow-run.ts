import type { FlowGraph } from '@flowdesk/model';
import type { ExecutionRecord, StoreRepositories } from '@flowdesk/store';
import { DEFAULT_WORKSPACE_ID } from '../../app-ports.ts';
import { AppError } from '../../http/app-error.ts';
import { pastRequestOf, RECORDED_NODE_TYPES } from './past-request.ts';
import { replayRequest, type ShadowContext, shadowFlow } from './shadow-replay.ts';
import {
  type ImpactReport,
  impactReport,
  type ReplayedRequest,
  type SkippedRequest,
} from './shadow-report.ts';

/** The most past requests one shadow run replays. */
export const SHADOW_RUN_MAX_REQUESTS = 5000;
/** Requests replayed between two yields to the event loop, so intake keeps its turn. */
const CHUNK = 10;
const PAGE = 500;

export type ShadowSelection =
  | { readonly last: number }
  | { readonly from: string; readonly to: string; readonly last?: number | undefined };

export interface ShadowRunInput {
  readonly flowId: string;
  readonly live: { readonly version: number; readonly graph: FlowGraph };
  readonly draft: FlowGraph;
  readonly selection: ShadowSelection;
}

export interface ShadowRunProgress {
  readonly done: number;
  readonly total: number;
}

export interface ShadowRunHooks {
  /** Awaited after each chunk, so a caller may write the progress down before the next one. */
  readonly onProgress?: (progress: ShadowRunProgress) => unknown;
  readonly cancelled?: () => boolean;
}

export interface ShadowRunResult {
  readonly report: ImpactReport;
  readonly requests: readonly ReplayedRequest[];
  /** What the report covers: the requests it looked at and their time span. */
  readonly coverage: {
    readonly found: number;
    readonly from: string | null;
    readonly to: string | null;
    readonly cancelled: boolean;
  };
}

const yieldToEventLoop = () => new Promise<void>((resolve) => setImmediate(resolve));

/** Checks a selection before anything runs: the limit and the range's order, as translated refusals. */
export function checkSelection(selection: ShadowSelection): void {
  const requested = selection.last ?? SHADOW_RUN_MAX_REQUESTS;
  if (requested > SHADOW_RUN_MAX_REQUESTS) {
    throw new AppError('bad_request', 'shadow_limit', {
      params: { max: SHADOW_RUN_MAX_REQUESTS, requested },
      pointer: '/last',
    });
  }
  if ('from' in selection && !(selection.from < selection.to)) {
    throw new AppError('bad_request', 'shadow_range_invalid', { pointer: '/from' });
  }
}

/** The ids of the flow's past executions the selection names, newest first (the store's order). */
async function pastExecutionIds(
  store: StoreRepositories,
  flowId: string,
  selection: ShadowSelection,
): Promise<string[]> {
  const limit = Math.min(selection.last ?? SHADOW_RUN_MAX_REQUESTS, SHADOW_RUN_MAX_REQUESTS);
  const ids: string[] = [];
  let cursor: string | null = null;
  do {
    const page = await store.executions.list({
      flowId,
      ...('from' in selection ? { startedAfter: selection.from, startedBefore: selection.to } : {}),
      limit: Math.min(PAGE, limit - ids.length),
      cursor,
    });
    ids.push(...page.items.map((item) => item.id));
    cursor = page.nextCursor;
    await yieldToEventLoop();
  } while (cursor && ids.length < limit);
  return ids.slice(0, limit);
}

const callsOut = (graph: FlowGraph) => graph.nodes.some((node) => RECORDED_NODE_TYPES.has(node.type));

/**
 * Checks the selection and finds the past requests it names, oldest first;
 * refuses (translated) a selection above the limit or one that finds none.
 */
export async function selectPastRequests(
  store: StoreRepositories,
  flowId: string,
  selection: ShadowSelection,
): Promise<string[]> {
  checkSelection(selection);
  const ids = (await pastExecutionIds(store, flowId, selection)).reverse();
  if (ids.length === 0) throw new AppError('precondition_failed', 'shadow_empty_history');
  return ids;
}

/**
 * Replays the flow's past requests on the live version and on the draft,
 * chunk by chunk, yielding between chunks. Reads the store, writes nothing:
 * replays run on simulated activities. Requests are replayed oldest first and
 * the report does not depend on timing, so the same draft and requests give
 * the same report.
 */
export async function runShadow(
  store: StoreRepositories,
  input: ShadowRunInput,
  hooks: ShadowRunHooks = {},
  selected?: readonly string[],
): Promise<ShadowRunResult> {
  const ids = selected ?? (await selectPastRequests(store, input.flowId, input.selection));
  const live = shadowFlow(input.live.graph, input.live.version);
  const draft = shadowFlow(input.draft, input.live.version + 1);
  const context: ShadowContext = { slaPolicies: await store.slaPolicies.list(DEFAULT_WORKSPACE_ID) };
  const needsSteps = callsOut(input.live.graph) || callsOut(input.draft);
  const replayed: ReplayedRequest[] = [];
  const skipped: SkippedRequest[] = [];
  let cancelled = false;
  let from: string | null = null;
  let to: string | null = null;
  await hooks.onProgress?.({ done: 0, total: ids.length });
  for (let index = 0; index < ids.length; index += CHUNK) {
    if (hooks.cancelled?.()) {
      cancelled = true;
      break;
    }
    for (const id of ids.slice(index, index + CHUNK)) {
      const record: ExecutionRecord | null = await store.executions.get(id);
      if (!record) {
        skipped.push({ executionId: id, reason: 'execution_missing', detail: '' });
        continue;
      }
      from ??= record.startedAt;
      to = record.startedAt;
      const past = pastRequestOf(record, needsSteps ? await store.executions.listSteps(id) : []);
      if (!past.ok) {
        skipped.push({ executionId: past.executionId, reason: past.reason, detail: past.detail });
        continue;
      }
      replayed.push({
        executionId: record.id,
        startedAt: record.startedAt,
        live: replayRequest(live, past.request, context),
        draft: replayRequest(draft, past.request, context),
      });
    }
    await hooks.onProgress?.({ done: Math.min(index + CHUNK, ids.length), total: ids.length });
    await yieldToEventLoop();
  }
  return {
    report: impactReport(replayed, skipped),
    requests: replayed,
    coverage: { found: ids.length, from, to, cancelled },
  };
}
