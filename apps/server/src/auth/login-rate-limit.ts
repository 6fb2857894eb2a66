import type { RateLimiterStoreAbstract } from 'rate-limiter-flexible';
import { clientKey } from '../http/client-key.ts';
import { consumeOrRefusal, type StoreRateLimits, secondsUntil } from '../http/store-rate-limits.ts';

/**
 * Slows password guessing down, after rate-limiter-flexible's "login endpoint
 * protection" example, with counters in the store so every replica shares them.
 *
 * Per account, whatever the address: consecutive failures are counted (a
 * success clears them); from the FREE_FAILURES-th on, each failure blocks the
 * account for twice as long as the one before (1 s, 2 s, 4 s … capped at
 * MAX_BLOCK_SECONDS). Spreading guesses over many addresses or forged
 * X-Forwarded-For values gains nothing, and an attacker gets about 15 guesses in the
 * first twenty minutes and then one per MAX_BLOCK_SECONDS.
 *
 * Per address (an IPv6 /64 counts as one): at most IP_FAILURES_PER_DAY failures
 * a day over all accounts, then that address may not sign in for a day. This
 * catches slow guessing across many accounts, which the per-account rule
 * cannot see.
 *
 * The trade-off: the account rule ignores the address on purpose, so anyone can
 * delay a real user by failing on their email; the backoff keeps that delay to
 * what the failures so far demand (5 failures: 1 s; the cap at worst), and the
 * user's right password works as soon as it ends, from any address, a shared
 * office or carrier NAT included. The old per email+address window did the
 * opposite: a forged header made it endless, and five failures behind a shared
 * address locked the user out for 15 minutes. The address rule is wide (a whole
 * office failing 100 times in a day) so it stops only bulk guessing; its block
 * does apply to right passwords, because a refused address must not learn
 * which of its guesses would have worked.
 */

export const FREE_FAILURES = 5;
export const MAX_BLOCK_SECONDS = 15 * 60;
export const IP_FAILURES_PER_DAY = 100;
const DAY_SECONDS = 24 * 60 * 60;

export type LoginDecision = { allowed: true } | { allowed: false; retryAfterSeconds: number };

/** Seconds an account waits after its n-th consecutive failure (0 before FREE_FAILURES). */
export function backoffSeconds(consecutiveFailures: number): number {
  if (consecutiveFailures < FREE_FAILURES) return 0;
  return Math.min(2 ** (consecutiveFailures - FREE_FAILURES), MAX_BLOCK_SECONDS);
}

function accountKey(email: string): string {
  return email.trim().toLowerCase();
}

export class LoginRateLimiter {
  private readonly failuresByAccount: RateLimiterStoreAbstract;
  private readonly accountBlocks: RateLimiterStoreAbstract;
  private readonly failuresByAddress: RateLimiterStoreAbstract;

  constructor(private readonly limits: StoreRateLimits) {
    // Counted, never refused on its own; a streak starts over a day after its first failure.
    this.failuresByAccount = limits.limiter({
      keyPrefix: 'login_fail_account',
      points: Number.MAX_SAFE_INTEGER,
      durationSeconds: DAY_SECONDS,
    });
    // Holds only blocks (block() writes over the whole row, so the streak lives apart).
    this.accountBlocks = limits.limiter({ keyPrefix: 'login_block_account', points: 1, durationSeconds: 1 });
    this.failuresByAddress = limits.limiter({
      keyPrefix: 'login_fail_ip_day',
      points: IP_FAILURES_PER_DAY,
      durationSeconds: DAY_SECONDS,
      blockSeconds: DAY_SECONDS,
    });
  }

  /** Whether a sign-in for this email from this address may be tried now. */
  async check(email: string, ip: string): Promise<LoginDecision> {
    const [block, address] = await Promise.all([
      this.accountBlocks.get(accountKey(email)),
      this.failuresByAddress.get(clientKey(ip)),
    ]);
    const waits = [
      block && block.consumedPoints > 1 ? block.msBeforeNext : 0,
      address && address.consumedPoints > IP_FAILURES_PER_DAY ? address.msBeforeNext : 0,
    ];
    const longest = Math.max(...waits);
    return longest > 0 ? { allowed: false, retryAfterSeconds: secondsUntil(longest) } : { allowed: true };
  }

  /** A wrong password or an unknown email: both rules count it (unknown emails too, so they look the same). */
  async failed(email: string, ip: string): Promise<void> {
    const [streak] = await Promise.all([
      this.failuresByAccount.penalty(accountKey(email)),
      consumeOrRefusal(this.failuresByAddress, clientKey(ip)),
    ]);
    const seconds = backoffSeconds(streak.consumedPoints);
    if (seconds > 0) await this.accountBlocks.block(accountKey(email), seconds);
    this.limits.sweepSoon();
  }

  /** The right password ends the account's streak; the address's daily count stays. */
  async succeeded(email: string): Promise<void> {
    await Promise.all([
      this.failuresByAccount.delete(accountKey(email)),
      this.accountBlocks.delete(accountKey(email)),
    ]);
  }
}
