/**
 * The dashboard asks again every 10 seconds while its tab is visible, so a new
 * request or a resolution shows within 10 s; a hidden tab asks nothing
 * (TanStack Query pauses intervals in the background) and catches up on focus.
 */
export const REFRESH_MS = 10_000;

export const AUTO_REFRESH = { refetchInterval: REFRESH_MS, refetchIntervalInBackground: false } as const;
