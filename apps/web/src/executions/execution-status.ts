/** The execution statuses the API filters by; mirrors the store's list (the web app cannot import the store). */
export const EXECUTION_STATUS_VALUES = ['running', 'waiting', 'completed', 'failed', 'cancelled'] as const;
export type ExecutionStatusValue = (typeof EXECUTION_STATUS_VALUES)[number];
