import type { Connection, Model } from 'mongoose';
import { Schema } from 'mongoose';
import type { UserRole } from '../port/access.types.ts';

/** Mirrors SQLite migration 22: one-time invitation links (hash only) and workspace settings. */
export interface InvitationDoc {
  _id: string;
  tokenHash: string;
  email: string;
  role: UserRole;
  invitedBy: string;
  createdAt: string;
  expiresAt: string;
  acceptedAt: string | null;
  revokedAt: string | null;
  userId: string | null;
}

export interface WorkspaceSettingDoc {
  /** The setting's key. */
  _id: string;
  value: unknown;
  updatedAt: string;
}

const str = { type: String, required: true } as const;
const nullableStr = { type: String, default: null } as const;
const options = { versionKey: false, minimize: false, strict: true } as const;

const invitationSchema = new Schema<InvitationDoc>(
  {
    _id: str,
    tokenHash: str,
    email: str,
    role: str,
    invitedBy: str,
    createdAt: str,
    expiresAt: str,
    acceptedAt: nullableStr,
    revokedAt: nullableStr,
    userId: nullableStr,
  },
  options,
);
invitationSchema.index({ tokenHash: 1 }, { unique: true });
invitationSchema.index({ expiresAt: 1 });

const workspaceSettingSchema = new Schema<WorkspaceSettingDoc>(
  { _id: str, value: { type: Schema.Types.Mixed }, updatedAt: str },
  options,
);

export interface MongoPeopleModels {
  invitations: Model<InvitationDoc>;
  workspaceSettings: Model<WorkspaceSettingDoc>;
}

/** Called by the model registry (mongo-models.ts) only. */
export function createMongoPeopleModels(connection: Connection): MongoPeopleModels {
  return {
    invitations: connection.model<InvitationDoc>('Invitation', invitationSchema, 'invitations'),
    workspaceSettings: connection.model<WorkspaceSettingDoc>(
      'WorkspaceSetting',
      workspaceSettingSchema,
      'workspace_settings',
    ),
  };
}
