import type { AuditEntry, Store } from '@flowdesk/store';
import { z } from 'zod';
import { AppError } from '../http/app-error.ts';
import type { StoredShadowReport } from '../runtime/shadow-run/shadow-stored-report.ts';

/**
 * The publish guard of issue 18: a flow an admin marked critical is published
 * only with a shadow-run report of the current draft attached. The list of
 * critical flows is a workspace setting (admins change it), not part of the
 * draft an editor could change.
 */
export const CRITICAL_FLOWS_KEY = 'flows.critical';
const CriticalFlowsSchema = z.strictObject({ flowIds: z.array(z.string().min(1).max(200)).max(10_000) });

type SettingsStore = Pick<Store, 'workspaceSettings'>;

export async function criticalFlowIds(store: SettingsStore): Promise<Set<string>> {
  const parsed = CriticalFlowsSchema.safeParse(await store.workspaceSettings.get(CRITICAL_FLOWS_KEY));
  return new Set(parsed.success ? parsed.data.flowIds : []);
}

/**
 * Marks or unmarks the flow as critical: the setting's read-modify-write and
 * its audit entry in one transaction, so two admins changing two flows at
 * once both count, and the change is audited once, with it. Marking a flow
 * that already is (or unmarking one that is not) changes and audits nothing.
 */
export async function setFlowCritical(
  store: Store,
  flowId: string,
  critical: boolean,
  now: string,
  audit: AuditEntry,
): Promise<{ changed: boolean }> {
  return store.transaction(async (tx) => {
    const ids = await criticalFlowIds(tx);
    if (ids.has(flowId) === critical) return { changed: false };
    if (critical) ids.add(flowId);
    else ids.delete(flowId);
    await tx.workspaceSettings.set(CRITICAL_FLOWS_KEY, { flowIds: [...ids].sort() }, now);
    await tx.audit.append(audit);
    return { changed: true };
  });
}

/**
 * The report a publish attaches, checked: of this flow, of the draft as it is
 * now (its revision), and complete (not cancelled). Without one, a critical
 * flow is refused. Returns the report id to store with the version, or null.
 */
export async function attachableReport(
  store: Store,
  flow: { id: string; draftRevision: number },
  reportId: string | undefined,
): Promise<string | null> {
  const critical = (await criticalFlowIds(store)).has(flow.id);
  if (reportId === undefined) {
    if (critical) throw new AppError('precondition_failed', 'shadow_required');
    return null;
  }
  const record = await store.shadowReports.get(reportId);
  if (!record || record.flowId !== flow.id) {
    throw new AppError('not_found', 'shadow_run_not_found', { params: { id: reportId } });
  }
  // A report answers for the one version it was published with: publishing the same
  // draft again must not move it (and so empty that version's "why") or let it vouch twice.
  if (record.publishedVersion !== null) {
    throw new AppError('conflict', 'shadow_report_used', { params: { version: record.publishedVersion } });
  }
  const stored = record.report as unknown as StoredShadowReport;
  if (record.draftRevision !== flow.draftRevision || stored.coverage?.cancelled) {
    throw new AppError('precondition_failed', 'shadow_report_stale');
  }
  return record.id;
}
