import { type FlowGraph, type Locale, text } from '@flowdesk/model';
import { z } from 'zod';
import { type CaseResult, runTestCases } from '../flows/flow-test-cases.ts';
import { AppError } from '../http/app-error.ts';
import type { TrpcContext } from './context.ts';
import { actorOf } from './trpc.ts';

/**
 * The gate every way of making a graph the live version passes (publish and
 * rollback): the flow's saved test cases run on that graph, and any failing one
 * refuses it, listing them, unless an admin overrides with a note; an override
 * from anyone else is refused as such.
 */

export const OverrideInput = z.strictObject({ note: z.string().trim().min(1).max(2000) });

export async function failingTestCases(
  ctx: TrpcContext,
  flowId: string,
  graph: FlowGraph,
  overriding: boolean,
): Promise<CaseResult[]> {
  const { store, clock } = ctx.services;
  const failing = (await runTestCases(store, flowId, graph, clock.now().toISOString())).filter(
    (result) => !result.passed,
  );
  if (failing.length === 0) return failing;
  if (!overriding) {
    throw new AppError('precondition_failed', 'publish_tests_failed', {
      params: {
        count: failing.length,
        // Each language quotes names its own way: 「VIP 客户」 / "VIP customer".
        names: failing.map((result) => `「${result.name}」`).join(' '),
        namesEn: failing.map((result) => `"${result.name}"`).join(', '),
      },
      extra: { failingCases: failing },
    });
  }
  if (actorOf(ctx).role !== 'admin') throw new AppError('forbidden', 'publish_override_admins_only');
  return failing;
}

/** The version's note says it went out with failing cases, and why, in the publisher's language. */
export function versionNoteWithOverride(note: string, overrideNote: string, locale: Locale): string {
  const line = `${text('测试用例未通过，管理员仍然发布：', 'Published with failing test cases: ')[locale]}${overrideNote}`;
  return note ? `${note}\n${line}` : line;
}
