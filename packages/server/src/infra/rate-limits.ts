import {
  RateLimiterDrizzle,
  RateLimiterMemory,
  RateLimiterRes,
  type RateLimiterAbstract,
} from "rate-limiter-flexible";

import { schema, sql, type Database, type DatabaseHandle } from "@kabinet/db";

import type { Config } from "../config.ts";
import { AppError } from "../domain/errors.ts";

interface LimiterSpec {
  keyPrefix: string;
  points: number;
  duration: number;
  blockDuration?: number;
}

/** A limiter's counter for one key, as far as a check needs it. */
interface Counter {
  consumedPoints: number;
  msBeforeNext: number;
}

/** Several limiters' counters read at once: one query for a check that needs several. */
type ReadCounters = (
  reads: ReadonlyArray<readonly [RateLimiterAbstract, string]>,
) => Promise<Array<Counter | null>>;

/** The store's live rows for a set of keys, prepared once. Keys are as the limiters spell them (`getKey`). */
function prepareCounterRead(db: Database) {
  const { rateLimits } = schema;
  return db
    .select({ key: rateLimits.key, points: rateLimits.points, expire: rateLimits.expire })
    .from(rateLimits)
    .where(
      sql`${rateLimits.key} = any(${sql.placeholder("keys")}::text[]) and (${rateLimits.expire} is null or ${rateLimits.expire} > now())`,
    )
    .prepare("rate_limit_counters");
}

/**
 * Counters live in PostgreSQL so every API process sees them; in memory on embedded PGlite.
 * Limiters write through rate-limiter-flexible; checks that need several counters read them
 * in one query from the same table.
 */
function limiterStore(database: DatabaseHandle): {
  make: (spec: LimiterSpec) => RateLimiterAbstract;
  readCounters: ReadCounters;
} {
  if (database.kind !== "postgres") {
    return {
      make: (spec) => new RateLimiterMemory(spec),
      readCounters: (reads) => Promise.all(reads.map(([limiter, key]) => limiter.get(key))),
    };
  }
  const counterRead = prepareCounterRead(database.db);
  return {
    make: (spec) =>
      new RateLimiterDrizzle({
        ...spec,
        storeClient: database.db,
        schema: schema.rateLimits,
      } as unknown as ConstructorParameters<typeof RateLimiterDrizzle>[0]),
    readCounters: async (reads) => {
      const keys = reads.map(([limiter, key]) => limiter.getKey(key));
      const rows = await counterRead.execute({ keys });
      const byKey = new Map(rows.map((row) => [row.key, row]));
      return keys.map((key) => {
        const row = byKey.get(key);
        if (!row) return null;
        return {
          consumedPoints: row.points,
          msBeforeNext: row.expire ? Math.max(row.expire.getTime() - Date.now(), 0) : -1,
        };
      });
    },
  };
}

function retryAfter(res: Counter): number {
  return Math.max(1, Math.ceil(res.msBeforeNext / 1000));
}

function limited(res: Counter, detail: string): AppError {
  return new AppError("rate_limited", detail, undefined, retryAfter(res));
}

/** One sign-in attempt that passed the lock check; it reports how it ended. */
export interface LoginAttempt {
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

  /** Counts a failure; once `limit` are reached the key is locked for `seconds`. */
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
  async begin(account: string, ip: string | null): Promise<LoginAttempt> {
    const k = this.keys(account, ip);
    const [pairLock, accountFailures, addressFailures, pairFailures] = await this.readCounters([
      [this.pairLock, k.pair],
      [this.accountFailures, k.account],
      [this.addressFailures, k.address],
      [this.pairFailures, k.pair],
    ]);
    const detail = "Too many failed sign-in attempts; try again later";
    const checks = [
      [pairLock, this.pairLock],
      [accountFailures, this.accountFailures],
      [addressFailures, this.addressFailures],
    ] as const;
    for (const [counter, limiter] of checks) {
      if (counter && counter.consumedPoints > limiter.points) throw limited(counter, detail);
    }
    return {
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
  const { make, readCounters } = limiterStore(database);
  return {
    login: new LoginGuard(make, readCounters, config),
    registration: new ActionLimit(
      make({
        keyPrefix: "register_ip",
        points: config.REGISTRATIONS_PER_IP_PER_HOUR,
        duration: 3600,
      }),
      "Too many sign-ups from this address; try again later",
    ),
    qrIssue: new ActionLimit(
      make({ keyPrefix: "qr_issue", points: config.QR_ISSUES_PER_USER_PER_MINUTE, duration: 60 }),
      "Too many QR codes requested; try again in a minute",
    ),
    qrKeyless: new ActionLimit(
      make({
        keyPrefix: "qr_keyless",
        points: config.QR_KEYLESS_RESOLVES_PER_IP_PER_MINUTE,
        duration: 60,
      }),
      "Too many scans from this address; try again in a minute",
    ),
    qrFailures: new FailureLimit(
      make({ keyPrefix: "qr_fail", points: config.QR_RESOLVE_FAILS_PER_MINUTE, duration: 60 }),
      "Too many unknown codes; try again in a minute",
    ),
  };
}
