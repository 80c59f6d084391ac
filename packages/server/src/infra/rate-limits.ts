import { RateLimiterRes, type RateLimiterAbstract } from "rate-limiter-flexible";

import type { DatabaseHandle } from "@kabinet/db";

import type { Config } from "../config.ts";
import { limiterStore, type LimiterSpec, type ReadCounters } from "./rate-limit-store.ts";

/** A limit said no: how long to wait, in whole seconds (at least one). */
export interface Refusal {
  retryAfter: number;
}

function refusal(msBeforeNext: number): Refusal {
  return { retryAfter: Math.max(1, Math.ceil(msBeforeNext / 1000)) };
}

/** One sign-in attempt that passed the lock check; it reports how it ended. */
export interface LoginAttempt {
  refused: null;
  /** Counts a failure against the account, the address and the pair of both. */
  failed(): Promise<void>;
  /** Forgets the pair's failures, when it had any. */
  succeeded(): Promise<void>;
}

/**
 * Brute-force protection for sign-in, after Keycloak's: failures of one account from one
 * address lock that pair for a time that doubles with each failure; a wider per-account cap
 * and a per-address cap stop distributed guessing. The real user, from their own address,
 * is never locked for longer than the short per-account lock by someone else's failures.
 */
export class LoginGuard {
  private readonly pairFailures: RateLimiterAbstract;
  private readonly pairLock: RateLimiterAbstract;
  private readonly accountFailures: RateLimiterAbstract;
  private readonly addressFailures: RateLimiterAbstract;

  constructor(
    make: (spec: LimiterSpec) => RateLimiterAbstract,
    private readonly readCounters: ReadCounters,
    private readonly config: Config,
  ) {
    this.pairFailures = make({ keyPrefix: "login_pair_fail", points: 1_000_000, duration: 86_400 });
    this.pairLock = make({ keyPrefix: "login_pair_lock", points: 1, duration: 1 });
    this.accountFailures = make({
      keyPrefix: "login_account_fail",
      points: config.LOGIN_FAILS_PER_ACCOUNT_PER_HOUR,
      duration: 3600,
    });
    this.addressFailures = make({
      keyPrefix: "login_ip_fail",
      points: config.LOGIN_FAILS_PER_IP_PER_DAY,
      duration: 86_400,
    });
  }

  /** Counts a failure; once the limiter's points are used up the key is locked for `seconds`. */
  private async countFailure(limiter: RateLimiterAbstract, key: string, seconds: number) {
    const res = await limiter.penalty(key, 1);
    if (res.consumedPoints >= limiter.points) await limiter.block(key, seconds);
  }

  private keys(account: string, ip: string | null) {
    const address = ip ?? "unknown";
    return { pair: `${account}|${address}`, account, address };
  }

  /**
   * Refuses a locked pair, account or address, reading all their counters (and the pair's
   * failures, so a clean success writes nothing) in one go.
   */
  async begin(account: string, ip: string | null): Promise<LoginAttempt | { refused: Refusal }> {
    const k = this.keys(account, ip);
    const [pairLock, accountFailures, addressFailures, pairFailures] = await this.readCounters([
      [this.pairLock, k.pair],
      [this.accountFailures, k.account],
      [this.addressFailures, k.address],
      [this.pairFailures, k.pair],
    ]);
    const checks = [
      [pairLock, this.pairLock],
      [accountFailures, this.accountFailures],
      [addressFailures, this.addressFailures],
    ] as const;
    for (const [counter, limiter] of checks) {
      if (counter && counter.consumedPoints > limiter.points)
        return { refused: refusal(counter.msBeforeNext) };
    }
    return {
      refused: null,
      failed: () => this.recordFailure(k),
      succeeded: async () => {
        if (pairFailures) await this.pairFailures.delete(k.pair);
      },
    };
  }

  private async recordFailure(k: ReturnType<LoginGuard["keys"]>): Promise<void> {
    const pair = await this.pairFailures.penalty(k.pair, 1);
    const over = pair.consumedPoints - this.config.LOGIN_FREE_ATTEMPTS;
    if (over > 0) {
      const seconds = Math.min(2 ** (over - 1), this.config.LOGIN_MAX_LOCK_SECONDS);
      await this.pairLock.block(k.pair, seconds);
    }
    await this.countFailure(
      this.accountFailures,
      k.account,
      this.config.LOGIN_ACCOUNT_LOCK_SECONDS,
    );
    await this.countFailure(this.addressFailures, k.address, 3600);
  }
}

/** A plain fixed-window limit on one action per key. */
export class ActionLimit {
  constructor(private readonly limiter: RateLimiterAbstract) {}

  /** Counts the action; null when it is within the limit. */
  async consume(key: string): Promise<Refusal | null> {
    try {
      await this.limiter.consume(key);
      return null;
    } catch (e) {
      if (e instanceof RateLimiterRes) return refusal(e.msBeforeNext);
      throw e;
    }
  }
}

/**
 * Counts failures per key and refuses the key once it has too many in the window. The count
 * is shared (in the database on PostgreSQL); the refusal is remembered in this process, so a
 * request that fails nothing costs no read of the store.
 */
export class FailureLimit {
  private readonly blockedUntil = new Map<string, number>();

  constructor(private readonly limiter: RateLimiterAbstract) {}

  /** The refusal of a key with too many failures; null when it may go on. */
  refusal(key: string): Refusal | null {
    const until = this.blockedUntil.get(key);
    if (until === undefined) return null;
    const wait = until - Date.now();
    if (wait > 0) return refusal(wait);
    this.blockedUntil.delete(key);
    return null;
  }

  /** Counts a failure; the one that reaches the limit's count starts the pause. */
  async recordFailure(key: string): Promise<void> {
    const res = await this.limiter.penalty(key, 1);
    if (res.consumedPoints < this.limiter.points) return;
    if (this.blockedUntil.size >= 10_000) {
      const now = Date.now();
      for (const [k, until] of this.blockedUntil) if (until <= now) this.blockedUntil.delete(k);
    }
    this.blockedUntil.set(key, Date.now() + res.msBeforeNext);
  }
}

export interface RateLimits {
  login: LoginGuard;
  registration: ActionLimit;
  qrIssue: ActionLimit;
  qrKeyless: ActionLimit;
  qrFailures: FailureLimit;
  uploads: ActionLimit;
}

export function createRateLimits(database: DatabaseHandle, config: Config): RateLimits {
  const { make, readCounters } = limiterStore(database, config.FAST_RATE_LIMIT_READS);
  return {
    login: new LoginGuard(make, readCounters, config),
    registration: new ActionLimit(
      make({
        keyPrefix: "register_ip",
        points: config.REGISTRATIONS_PER_IP_PER_HOUR,
        duration: 3600,
      }),
    ),
    qrIssue: new ActionLimit(
      make({ keyPrefix: "qr_issue", points: config.QR_ISSUES_PER_USER_PER_MINUTE, duration: 60 }),
    ),
    qrKeyless: new ActionLimit(
      make({
        keyPrefix: "qr_keyless",
        points: config.QR_KEYLESS_RESOLVES_PER_IP_PER_MINUTE,
        duration: 60,
      }),
    ),
    qrFailures: new FailureLimit(
      make({ keyPrefix: "qr_fail", points: config.QR_RESOLVE_FAILS_PER_MINUTE, duration: 60 }),
    ),
    uploads: new ActionLimit(
      make({ keyPrefix: "upload", points: config.UPLOADS_PER_USER_PER_HOUR, duration: 3600 }),
    ),
  };
}
