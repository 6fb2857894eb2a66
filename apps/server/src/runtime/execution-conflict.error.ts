/** Another process moved the execution first; the transaction must roll back. */
export class ExecutionConflictError extends Error {
  constructor(
    readonly executionId: string,
    readonly reason: string,
  ) {
    super(`execution ${executionId} changed concurrently (${reason})`);
    this.name = 'ExecutionConflictError';
  }
}
