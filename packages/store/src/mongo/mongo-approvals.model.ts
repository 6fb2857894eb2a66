import { type Connection, type Model, Schema } from 'mongoose';
import type { ApprovalRequest } from '../port/approval.types.ts';

/** Approval requests, mirroring SQLite migration 24; `deciderTeam` is copied out of `decider` for the index. */
export type ApprovalDoc = Omit<ApprovalRequest, 'id'> & { _id: string; deciderTeam: string | null };

const approvalSchema = new Schema<ApprovalDoc>(
  { _id: String },
  { versionKey: false, minimize: false, strict: false },
);
approvalSchema.index({ executionId: 1, seq: 1 }, { unique: true });
approvalSchema.index(
  { workspaceId: 1, deciderTeam: 1, createdAt: 1 },
  { partialFilterExpression: { status: 'pending' } },
);

export interface MongoApprovalModels {
  approvals: Model<ApprovalDoc>;
}

/** Called by the model registry (mongo-models.ts) only. */
export function createMongoApprovalModels(connection: Connection): MongoApprovalModels {
  return { approvals: connection.model<ApprovalDoc>('ApprovalRequest', approvalSchema, 'approval_requests') };
}
