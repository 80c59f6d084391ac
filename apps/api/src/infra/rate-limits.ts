import {
  RateLimiterDrizzle,
  RateLimiterMemory,
  RateLimiterRes,
  type RateLimiterAbstract,
} from "rate-limiter-flexible";
import { schema, type DatabaseHandle } from "@kabinet/db";
import type { Config } from "../config.ts";
import { AppError } from "../domain/errors.ts";

interface LimiterSpec {
  keyPrefix: string;
  points: number;
  duration: number;
  blockDuration?: number;
}

/** Counters live in PostgreSQL so every API process sees them; in memory on embedded PGlite. */
function limiterFactory(database: DatabaseHandle) {
  return (spec: LimiterSpec): RateLimiterAbstract =>
    database.kind === "postgres"
      ? new RateLimiterDrizzle({
          ...spec,
          storeClient: database.db,
          schema: schema.rateLimits,
        } as unknown as ConstructorParameters<typeof RateLimiterDrizzle>[0])
      : new RateLimiterMemory(spec);
}

function retryAfter(res: RateLimiterRes): number {
  return Math.max(1, Math.ceil(res.msBeforeNext / 1000));
}

function limited(res: RateLimiterRes, detail: string): AppError {
  return new AppError("rate_limited", detail, undefined, retryAfter(res));
}

async function assertNotLimited(limiter: RateLimiterAbstract, key: string, detail: string) {
  const res = await limiter.get(key);
  if (res && res.consumedPoints > limiter.points) throw limited(res, detail);
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
    private readonly config: Config,
  ) {
    this.pairFailures = make({ keyPrefix: "login_pair_fail", points: 1_000_000, duration: 86_400 });
    this.pairLock = make({ keyPrefix: "login_pair_lock", points: 1, duration: 1 });
    this.accountFailures = make({ keyPrefix: "login_account_fail", points: config.LOGIN_FAILS_PER_ACCOUNT_PER_HOUR, duration: 3600 });
    this.addressFailures = make({ keyPrefix: "login_ip_fail", points: config.LOGIN_FAILS_PER_IP_PER_DAY, duration: 86_400 });
  }

  /** Counts a failure; once `limit` are reached the key is locked for `seconds`. */
  private async countFailure(limiter: RateLimiterAbstract, key: string, seconds: number) {
    const res = await limiter.penalty(key, 1);
    if (res.consumedPoints >= limiter.points) await limiter.block(key, seconds);
  }

  private keys(account: string, ip: string | null) {
    const address = ip ?? "unknown";
    return { pair: `${account}|${address}`, account, address };
  }

  async assertAllowed(account: string, ip: string | null): Promise<void> {
    const k = this.keys(account, ip);
    const detail = "Too many failed sign-in attempts; try again later";
    // Independent reads: one round trip's wait instead of three.
    await Promise.all([
      assertNotLimited(this.pairLock, k.pair, detail),
      assertNotLimited(this.accountFailures, k.account, detail),
      assertNotLimited(this.addressFailures, k.address, detail),
    ]);
  }

  async recordFailure(account: string, ip: string | null): Promise<void> {
    const k = this.keys(account, ip);
    const pair = await this.pairFailures.penalty(k.pair, 1);
    const over = pair.consumedPoints - this.config.LOGIN_FREE_ATTEMPTS;
    if (over > 0) {
      const seconds = Math.min(2 ** (over - 1), this.config.LOGIN_MAX_LOCK_SECONDS);
      await this.pairLock.block(k.pair, seconds);
    }
    await this.countFailure(this.accountFailures, k.account, this.config.LOGIN_ACCOUNT_LOCK_SECONDS);
    await this.countFailure(this.addressFailures, k.address, 3600);
  }

  async recordSuccess(account: string, ip: string | null): Promise<void> {
    const k = this.keys(account, ip);
    await this.pairFailures.delete(k.pair);
  }
}

/** A plain fixed-window limit on one action per key. */
export class ActionLimit {
  constructor(
    private readonly limiter: RateLimiterAbstract,
    private readonly detail: string,
  ) {}

  async consume(key: string): Promise<void> {
    try {
      await this.limiter.consume(key);
    } catch (e) {
      if (e instanceof RateLimiterRes) throw limited(e, this.detail);
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

  constructor(
    private readonly limiter: RateLimiterAbstract,
    private readonly detail: string,
  ) {}

  assertAllowed(key: string): void {
    const until = this.blockedUntil.get(key);
    if (until === undefined) return;
    const wait = until - Date.now();
    if (wait <= 0) {
      this.blockedUntil.delete(key);
      return;
    }
    throw new AppError("rate_limited", this.detail, undefined, Math.ceil(wait / 1000));
  }

  async recordFailure(key: string): Promise<void> {
    const res = await this.limiter.penalty(key, 1);
    if (res.consumedPoints <= this.limiter.points) return;
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
}

export function createRateLimits(database: DatabaseHandle, config: Config): RateLimits {
  const make = limiterFactory(database);
  return {
    login: new LoginGuard(make, config),
    registration: new ActionLimit(
      make({ keyPrefix: "register_ip", points: config.REGISTRATIONS_PER_IP_PER_HOUR, duration: 3600 }),
      "Too many sign-ups from this address; try again later",
    ),
    qrIssue: new ActionLimit(
      make({ keyPrefix: "qr_issue", points: config.QR_ISSUES_PER_USER_PER_MINUTE, duration: 60 }),
      "Too many QR codes requested; try again in a minute",
    ),
    qrKeyless: new ActionLimit(
      make({ keyPrefix: "qr_keyless", points: config.QR_KEYLESS_RESOLVES_PER_IP_PER_MINUTE, duration: 60 }),
      "Too many scans from this address; try again in a minute",
    ),
    qrFailures: new FailureLimit(
      make({ keyPrefix: "qr_fail", points: config.QR_RESOLVE_FAILS_PER_MINUTE, duration: 60 }),
      "Too many unknown codes; try again in a minute",
    ),
  };
}
