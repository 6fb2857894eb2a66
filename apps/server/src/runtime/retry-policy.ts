/**
 * Exponential backoff with jitter and a cap, for outbox deliveries: 2 s, 4 s,
 * 8 s … up to 10 minutes, each drawn between half and all of that, so many
 * failed deliveries do not all come back at the same instant.
 */
export const RETRY_BASE_MS = 2_000;
export const RETRY_CAP_MS = 600_000;

export function retryDelayMs(attempt: number, random: () => number = Math.random): number {
  const ceiling = Math.min(RETRY_CAP_MS, RETRY_BASE_MS * 2 ** Math.max(0, attempt - 1));
  return Math.round(ceiling / 2 + random() * (ceiling / 2));
}
