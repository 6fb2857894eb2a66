/**
 * Slows down password guessing: a fixed window of attempts per email+IP, kept in
 * memory. Several replicas each keep their own window, which still caps guesses
 * per process; good enough until there is a shared cache.
 */
export interface RateLimitDecision {
  allowed: boolean;
  retryAfterSeconds: number;
}

export class LoginRateLimiter {
  private readonly attempts = new Map<string, { count: number; windowStart: number }>();

  constructor(
    private readonly maxAttempts = 5,
    private readonly windowMs = 15 * 60 * 1000,
  ) {}

  /** Counts one attempt and says whether it may go ahead. */
  check(email: string, ip: string, nowMs: number): RateLimitDecision {
    this.prune(nowMs);
    const key = `${email.trim().toLowerCase()}|${ip}`;
    const entry = this.attempts.get(key);
    if (!entry || nowMs - entry.windowStart >= this.windowMs) {
      this.attempts.set(key, { count: 1, windowStart: nowMs });
      return { allowed: true, retryAfterSeconds: 0 };
    }
    entry.count += 1;
    const retryAfterSeconds = Math.ceil((entry.windowStart + this.windowMs - nowMs) / 1000);
    return { allowed: entry.count <= this.maxAttempts, retryAfterSeconds };
  }

  /** A successful sign-in clears the count, so a typo earlier does not linger. */
  reset(email: string, ip: string): void {
    this.attempts.delete(`${email.trim().toLowerCase()}|${ip}`);
  }

  private prune(nowMs: number): void {
    if (this.attempts.size < 10_000) return;
    for (const [key, entry] of this.attempts) {
      if (nowMs - entry.windowStart >= this.windowMs) this.attempts.delete(key);
    }
  }
}
