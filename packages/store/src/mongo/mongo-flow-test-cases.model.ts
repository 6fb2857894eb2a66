import { type Connection, type Model, Schema } from 'mongoose';

/**
 * Each flow's saved test cases, mirroring SQLite migration 19. The sample and
 * the expected path are kept as JSON text, as SQLite does, so keys the
 * customer typed (a custom field named `a.b`) come back unchanged.
 */
export interface FlowTestCaseDoc {
  _id: string;
  flowId: string;
  workspaceId: string;
  name: string;
  sample: string;
  expected: string;
  createdBy: string;
  createdAt: string;
  updatedBy: string;
  updatedAt: string;
  /** The order cases were first saved in, per flow. */
  seq: number;
}

const str = { type: String, required: true } as const;

const flowTestCaseSchema = new Schema<FlowTestCaseDoc>(
  {
    _id: str,
    flowId: str,
    workspaceId: str,
    name: str,
    sample: str,
    expected: str,
    createdBy: str,
    createdAt: str,
    updatedBy: str,
    updatedAt: str,
    seq: { type: Number, required: true },
  },
  { versionKey: false, minimize: false, strict: true },
);
flowTestCaseSchema.index({ flowId: 1, name: 1 }, { unique: true });
flowTestCaseSchema.index({ flowId: 1, seq: 1 });

export interface MongoFlowTestCaseModels {
  flowTestCases: Model<FlowTestCaseDoc>;
}

/** Called by the model registry (mongo-models.ts) only. */
export function createMongoFlowTestCaseModels(connection: Connection): MongoFlowTestCaseModels {
  return {
    flowTestCases: connection.model<FlowTestCaseDoc>('FlowTestCase', flowTestCaseSchema, 'flow_test_cases'),
  };
}
