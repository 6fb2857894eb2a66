import { deskMessage, isDeskMessageCode } from '@flowdesk/desk';
import { engineText } from '@flowdesk/engine';
import {
  isLocalizedText,
  type LocalizedText,
  type MessageParams,
  MessageParamsSchema,
  scalarParams,
} from '@flowdesk/model';
import type { JsonObject, JsonValue } from '@flowdesk/store';
import { isRuntimeMessageCode, runtimeMessage } from './runtime.messages.ts';

/**
 * Incidents and step errors are stored as a code and its params; this is the
 * edge where they become text again (tRPC answers, the CLI). The code says
 * which catalog writes it: the engine's, the desk's or the runtime's. A record
 * written before codes were stored keeps its text as the `legacyText` param.
 */
export function describeCode(code: string, params: MessageParams = {}): LocalizedText {
  if (isLocalizedText(params.legacyText)) return params.legacyText;
  const engine = engineText(code, params);
  if (engine) return engine;
  const scalars = scalarParams(params);
  if (isDeskMessageCode(code)) return deskMessage(code, scalars);
  if (isRuntimeMessageCode(code)) return runtimeMessage(code, scalars);
  return runtimeMessage('runtime.unknown_code', { code });
}

/** An incident or step error in the shape API answers have always had: the code and its text, no params. */
export function presentError<T extends { readonly code: string; readonly params?: MessageParams }>(
  error: T,
): Omit<T, 'params'> & { message: LocalizedText } {
  const { params, ...rest } = error;
  return { ...rest, message: describeCode(error.code, params) };
}

function isJsonObject(value: JsonValue | undefined): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function readableParams(params: JsonValue | undefined): MessageParams {
  if (!isJsonObject(params)) return {};
  const kept: MessageParams = {};
  for (const [key, value] of Object.entries(params)) {
    if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean')
      kept[key] = value;
    else if (isLocalizedText(value)) kept[key] = value;
  }
  return kept;
}

/** The same for an error read back from the store as plain JSON; anything without a code is left as it is. */
export function presentStoredError(error: JsonObject): JsonObject {
  if (typeof error.code !== 'string') return error;
  const { params, ...rest } = error;
  // A record the migration has not reached still holds its text: show that.
  if (params === undefined && isLocalizedText(error.message)) return error;
  const parsed = MessageParamsSchema.safeParse(params ?? {});
  // Params that do not parse (a null, a list) must not cost the answer its message: keep what reads.
  const readable = parsed.success ? parsed.data : readableParams(params);
  return { ...rest, message: { ...describeCode(error.code, readable) } };
}

/** A stored execution state with its incident translated; the rest of the document is unchanged. */
export function presentStoredState(state: JsonObject): JsonObject {
  const incident = state.incident;
  return isJsonObject(incident) ? { ...state, incident: presentStoredError(incident) } : state;
}

/** A stored step of the trace with its error translated. */
export function presentStoredStep<T extends { readonly error?: JsonObject | null }>(step: T): T {
  return step.error ? { ...step, error: presentStoredError(step.error) } : step;
}
