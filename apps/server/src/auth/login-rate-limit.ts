import { RateLimiterRes, type RateLimiterStoreAbstract } from 'rate-limiter-flexible';
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

/**
 * One sign-in attempt after `begin`: refused (with whether this refusal is the
 * one that started the address's day-long block), or allowed with its failure
 * already counted, to be settled once the password was checked.
 */
export type LoginAttempt =
  | { allowed: false; retryAfterSeconds: number; blockBegan: boolean }
  | {
      allowed: true;
      /** The right password: the counted failure is given back and the account's streak ends. */
      succeeded(): Promise<void>;
      /** A wrong password or unknown email: the failure stays; returns the seconds the account is now blocked. */
      failed(): Promise<number>;
    };

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
  private readonly accountGate: RateLimiterStoreAbstract;

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
    // Past the free failures, one attempt per backoff window: the atomic consume
    // is what lets exactly one of many concurrent attempts through.
    this.accountGate = limits.limiter({ keyPrefix: 'login_gate_account', points: 1, durationSeconds: 1 });
  }

  /**
   * Penalty first: the attempt's failure is counted before the password is
   * checked, and given back when it was right. Counting after the check left a
   * window as long as the password hash takes, in which a burst of concurrent
   * guesses all passed `check` (300 at once had 14 evaluated, not 6). Now every
   * attempt takes its place in the account's streak atomically: the first
   * FREE_FAILURES go on, later ones need the account's gate, which one attempt
   * per backoff window gets. Refused attempts give their points back, so a
   * burst does not lengthen the backoff beyond what the evaluated guesses earn.
   */
  async begin(email: string, ip: string): Promise<LoginAttempt> {
    const decision = await this.check(email, ip);
    if (!decision.allowed) return { ...decision, blockBegan: false };
    const account = accountKey(email);
    const address = clientKey(ip);
    const [streak, byAddress] = await Promise.all([
      this.failuresByAccount.penalty(account),
      this.failuresByAddress.consume(address).then(
        (res) => ({ allowed: true as const, res }),
        (rejection: unknown) => {
          if (rejection instanceof RateLimiterRes) return { allowed: false as const, res: rejection };
          throw rejection;
        },
      ),
    ]);
    if (!byAddress.allowed) {
      await this.failuresByAccount.reward(account);
      return {
        allowed: false,
        retryAfterSeconds: secondsUntil(byAddress.res.msBeforeNext),
        // Each refusal still adds a point, so exactly one sees the first point over the limit.
        blockBegan: byAddress.res.consumedPoints === IP_FAILURES_PER_DAY + 1,
      };
    }
    const position = streak.consumedPoints;
    if (position > FREE_FAILURES) {
      const gate = await consumeOrRefusal(this.accountGate, account, {
        customDuration: backoffSeconds(position - 1),
      });
      if (!gate.allowed) {
        await Promise.all([this.failuresByAccount.reward(account), this.failuresByAddress.reward(address)]);
        return { ...gate, blockBegan: false };
      }
    }
    return {
      allowed: true,
      succeeded: async () => {
        // Only failures count per address.
        await Promise.all([this.failuresByAddress.reward(address), this.succeeded(email)]);
      },
      failed: async () => {
        const seconds = backoffSeconds(position);
        if (seconds > 0) await this.accountBlocks.block(account, seconds);
        this.limits.sweepSoon();
        return seconds;
      },
    };
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

  /** The right password ends the account's streak; the address's daily count stays. */
  private async succeeded(email: string): Promise<void> {
    await Promise.all([
      this.failuresByAccount.delete(accountKey(email)),
      this.accountBlocks.delete(accountKey(email)),
      this.accountGate.delete(accountKey(email)),
    ]);
  }
}
