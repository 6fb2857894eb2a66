import type { RequestHandler } from 'express';
import type { RateLimiterStoreAbstract } from 'rate-limiter-flexible';
import { AppError } from '../../http/app-error.ts';
import { clientKey } from '../../http/client-key.ts';
import { consumeOrRefusal, type StoreRateLimits } from '../../http/store-rate-limits.ts';

/** Per minute and client: new conversations are rarer than chat messages or reconnecting event streams. */
export const WIDGET_LIMITS = { start: 10, message: 60, events: 60 } as const;

export type WidgetCall = keyof typeof WIDGET_LIMITS;

/**
 * One rate-limiter-flexible limiter per kind of widget call, counted per
 * client (an IPv6 /64 is one client) in the store, so replicas share the
 * budget and a visitor cannot multiply it by landing on another one.
 */
export class WidgetRateLimits {
  private readonly limiters: Record<WidgetCall, RateLimiterStoreAbstract>;

  constructor(private readonly limits: StoreRateLimits) {
    const perMinute = (kind: WidgetCall) =>
      limits.limiter({ keyPrefix: `widget_${kind}`, points: WIDGET_LIMITS[kind], durationSeconds: 60 });
    this.limiters = { start: perMinute('start'), message: perMinute('message'), events: perMinute('events') };
  }

  /** Counts one call; 0 when it may go ahead, else the seconds to wait. */
  async take(kind: WidgetCall, ip: string | undefined): Promise<number> {
    const decision = await consumeOrRefusal(this.limiters[kind], clientKey(ip));
    this.limits.sweepSoon();
    return decision.allowed ? 0 : decision.retryAfterSeconds;
  }
}

export function rateLimited(limits: WidgetRateLimits, kind: WidgetCall): RequestHandler {
  return (request, response, next) => {
    limits.take(kind, request.ip).then((wait) => {
      if (wait === 0) {
        next();
        return;
      }
      response.setHeader('Retry-After', String(wait));
      next(new AppError('too_many_requests', 'widget_rate_limited', { params: { seconds: wait } }));
    }, next);
  };
}
