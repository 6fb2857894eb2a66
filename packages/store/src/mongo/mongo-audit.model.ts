import { type Connection, type Model, Schema } from 'mongoose';
import type { AuditActorKind, AuditOutcome } from '../port/audit.types.ts';

/** The audit log, mirroring SQLite migration 14; details are kept as JSON text, as there. */
export interface AuditDoc {
  _id: string;
  at: string;
  actorKind: AuditActorKind;
  actorId: string;
  actorLabel: string | null;
  action: string;
  target: string | null;
  ip: string | null;
  outcome: AuditOutcome;
  details: string;
}

const str = { type: String, required: true } as const;
const nullableStr = { type: String, default: null } as const;

const auditSchema = new Schema<AuditDoc>(
  {
    _id: str,
    at: str,
    actorKind: str,
    actorId: str,
    actorLabel: nullableStr,
    action: str,
    target: nullableStr,
    ip: nullableStr,
    outcome: str,
    details: str,
  },
  { versionKey: false, minimize: false, strict: true },
);
auditSchema.index({ at: -1, _id: -1 });
auditSchema.index({ action: 1, at: -1, _id: -1 });
auditSchema.index({ actorId: 1, at: -1, _id: -1 });

export interface MongoAuditModels {
  auditLog: Model<AuditDoc>;
}

export function createMongoAuditModels(connection: Connection): MongoAuditModels {
  return { auditLog: connection.model<AuditDoc>('AuditEntry', auditSchema, 'audit_log') };
}
