import type { RequestHandler } from 'express';
import { AppError } from '../../http/app-error.ts';

/**
 * A fixed window per client IP and kind of call, kept in memory (the same idea
 * as the login limiter): several replicas each keep their own window, which
 * still caps what one address can send to one process.
 */
export class WidgetRateLimiter {
  private readonly hits = new Map<string, { count: number; windowStart: number }>();

  constructor(private readonly windowMs = 60_000) {}

  /** Counts one call; returns the seconds to wait when over the limit, else 0. */
  take(key: string, limit: number, nowMs: number): number {
    if (this.hits.size >= 10_000) this.prune(nowMs);
    const entry = this.hits.get(key);
    if (!entry || nowMs - entry.windowStart >= this.windowMs) {
      this.hits.set(key, { count: 1, windowStart: nowMs });
      return 0;
    }
    entry.count += 1;
    if (entry.count <= limit) return 0;
    return Math.max(1, Math.ceil((entry.windowStart + this.windowMs - nowMs) / 1000));
  }

  private prune(nowMs: number): void {
    for (const [key, entry] of this.hits) {
      if (nowMs - entry.windowStart >= this.windowMs) this.hits.delete(key);
    }
  }
}

/** Per minute and IP: new conversations are rarer than chat messages or reconnecting event streams. */
export const WIDGET_LIMITS = { start: 10, message: 60, events: 60 } as const;

export function rateLimited(
  limiter: WidgetRateLimiter,
  kind: keyof typeof WIDGET_LIMITS,
  now: () => number = Date.now,
): RequestHandler {
  return (request, response, next) => {
    const wait = limiter.take(`${kind}|${request.ip ?? 'unknown'}`, WIDGET_LIMITS[kind], now());
    if (wait === 0) {
      next();
      return;
    }
    response.setHeader('Retry-After', String(wait));
    next(new AppError('too_many_requests', 'widget_rate_limited', { params: { seconds: wait } }));
  };
}
