/**
 * Execution pages are ordered by (startedAt desc, id desc); the cursor is the
 * last row's pair, opaque to callers so the order can change later.
 */
export interface ExecutionCursor {
  startedAt: string;
  id: string;
}

export function encodeExecutionCursor(cursor: ExecutionCursor): string {
  return Buffer.from(JSON.stringify([cursor.startedAt, cursor.id]), 'utf8').toString('base64url');
}

export function decodeExecutionCursor(cursor: string): ExecutionCursor {
  const parsed: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  if (!Array.isArray(parsed) || typeof parsed[0] !== 'string' || typeof parsed[1] !== 'string') {
    throw new RangeError('Invalid execution cursor');
  }
  return { startedAt: parsed[0], id: parsed[1] };
}
