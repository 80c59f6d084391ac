import { RateLimiterRes, type RateLimiterAbstract } from "rate-limiter-flexible";

import type { DatabaseHandle } from "@kabinet/db";

import type { Config } from "../config.ts";
import {
  attemptCounters,
  memoryAttemptCounters,
  type AttemptCounters,
} from "./attempt-counters.ts";
import { limiterStore } from "./rate-limit-store.ts";

/** A limit said no: how long to wait, in whole seconds (at least one). */
export interface Refusal {
  retryAfter: number;
}

function refusal(msBeforeNext: number): Refusal {
  return { retryAfter: Math.max(1, Math.ceil(msBeforeNext / 1000)) };
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

  /** Gives back one action counted for something that then did not happen. */
  async refund(key: string): Promise<void> {
    await this.limiter.reward(key, 1);
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
  /** Password checks: sign-in and the current password of a password change. */
  login: AttemptCounters;
  loginAvailability: ActionLimit;
  registration: ActionLimit;
  qrIssue: ActionLimit;
  qrKeyless: ActionLimit;
  qrFailures: FailureLimit;
  friendRequest: ActionLimit;
}

export function createRateLimits(database: DatabaseHandle, config: Config): RateLimits {
  const make = limiterStore(database);
  const policy = {
    freeAttempts: config.LOGIN_FREE_ATTEMPTS,
    maxLockSeconds: config.LOGIN_MAX_LOCK_SECONDS,
    pairWindowSeconds: 86_400,
    addressCap: config.LOGIN_FAILS_PER_IP_PER_DAY,
    addressWindowSeconds: 86_400,
    addressLockSeconds: config.LOGIN_IP_LOCK_SECONDS,
    accountWindowSeconds: 3600,
  };
  // Shared by every process on PostgreSQL; PGlite serves one process, and memory is enough.
  const login =
    database.kind === "postgres"
      ? attemptCounters(database.db, policy, config.FAST_RATE_LIMIT_READS)
      : memoryAttemptCounters(policy);
  return {
    login,
    loginAvailability: new ActionLimit(
      make({
        keyPrefix: "login_available_ip",
        points: config.LOGIN_AVAILABILITY_CHECKS_PER_IP_PER_MINUTE,
        duration: 60,
      }),
    ),
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
    friendRequest: new ActionLimit(
      make({
        keyPrefix: "friend_request",
        points: config.FRIEND_REQUESTS_PER_HOUR,
        duration: 3600,
      }),
    ),
  };
}
