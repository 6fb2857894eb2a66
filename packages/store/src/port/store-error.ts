/**
 * Errors the store raises when the caller asked for something impossible. Expected
 * races (revision moved, lease lost) are results, not errors, so callers must
 * handle them; these are for broken invariants the caller can still react to.
 */
export type StoreErrorCode = 'not_found' | 'duplicate' | 'transaction_closed';

export class StoreError extends Error {
  readonly code: StoreErrorCode;

  constructor(code: StoreErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'StoreError';
    this.code = code;
  }
}

export function isStoreError(error: unknown, code?: StoreErrorCode): error is StoreError {
  return error instanceof StoreError && (code === undefined || error.code === code);
}
