import type { JsonObject } from './json.types.ts';

/**
 * A finished shadow run's report, kept so it can go with the version it
 * justified ("why did we publish v7"). The report itself is the server's
 * JSON; the store keeps it as given and knows only which flow, which live
 * version and which draft revision it compared, and the version it was
 * published with.
 */
export interface ShadowReportRecord {
  id: string;
  flowId: string;
  workspaceId: string;
  liveVersion: number;
  draftRevision: number;
  report: JsonObject;
  createdBy: string;
  createdAt: string;
  /** Null until a publish attaches it. */
  publishedVersion: number | null;
}

export type CreateShadowReportInput = Omit<ShadowReportRecord, 'publishedVersion'>;

export interface ShadowReportRepository {
  /** Throws StoreError('duplicate') when the id exists. */
  create(input: CreateShadowReportInput): Promise<ShadowReportRecord>;
  get(id: string): Promise<ShadowReportRecord | null>;
  /**
   * Marks the report as the one the version was published with; false when
   * there is no such report or it already went with a version (a report
   * vouches for one version only). Call it in the publish's transaction.
   */
  attachToVersion(id: string, version: number): Promise<boolean>;
  /** The report a version was published with, if any. */
  forVersion(flowId: string, version: number): Promise<ShadowReportRecord | null>;
}
