import { and, eq, preparedPerDatabase, schema, sql, type Database, type SQL } from "@kabinet/db";

import type { Refusal } from "./rate-limits.ts";

/**
 * The counters that guard password checks (sign-in, and the current password of a password
 * change). On PostgreSQL they are rows of `rate_limits`, shared by every API process; on
 * embedded PGlite they live in memory (`memoryAttemptCounters`, at the end).
 *
 * An attempt is counted BEFORE its password is verified, and the statement that counts it is
 * the one that refuses it: `INSERT … ON CONFLICT DO UPDATE … WHERE <not locked> RETURNING`.
 * PostgreSQL locks the row and evaluates the update against its latest version, so parallel
 * attempts are counted one after another and no more of them pass than the limit allows.
 * The counter that refuses an attempt does not change (its update's condition is false and
 * no row comes back), and the counters after it never see the attempt; one that took it before
 * keeps it (the pair, when its address refuses: a pair of that same address).
 * A successful attempt is given back afterwards (`release`), so the counters count failures
 * and the attempts still being verified.
 *
 * Three counters, each a row whose `expire` passed counting as absent (as rate-limiter-flexible,
 * which writes other rows of the table, reads its own):
 * - pair (account and address): attempts since the last success. `expire` is the last attempt
 *   plus `pairWindowSeconds`, so the time of that attempt is kept too; after `freeAttempts`
 *   each attempt locks the pair for 1 s, 2 s, 4 s… up to `maxLockSeconds`, from its start.
 * - address: attempts in a fixed window; the one that reaches `addressCap` locks the address
 *   for `addressLockSeconds`.
 * - account (all addresses): attempts in a fixed window. It never refuses; the sign-in slows
 *   down by it (domain/accounts/login.ts).
 *
 * With FAST_RATE_LIMIT_READS (the default) the three are counted in one statement, each
 * upsert a data-modifying CTE fed by the previous one's RETURNING, so a counter is reached
 * only when the one before it took the attempt. It relies on drizzle 0.45.4 rendering an
 * insert given to `$with(…).as(…)` as such a CTE, and an insert's `.select(sql…)` as written;
 * test/attempt-counters.test.ts runs both ways against the same expectations. With
 * FAST_RATE_LIMIT_READS=false each counter is one statement of its own, in the same order.
 */

/** The limits the counters apply, from the configuration. */
export interface AttemptPolicy {
  freeAttempts: number;
  maxLockSeconds: number;
  pairWindowSeconds: number;
  addressCap: number;
  addressWindowSeconds: number;
  addressLockSeconds: number;
  accountWindowSeconds: number;
}

/** The rows one attempt is counted in; `account` null counts none for the account. */
export interface AttemptKeys {
  pair: string;
  address: string;
  account: string | null;
}

const KEY_PREFIX = "attempt:";

/**
 * The rows of an attempt on `account` (a lower-case login or email) from `ip`; `wholeAccount`
 * false leaves out the account-wide counter.
 */
export function attemptKeys(
  account: string,
  ip: string | null,
  wholeAccount: boolean,
): AttemptKeys {
  const address = ip ?? "unknown";
  return {
    pair: `${KEY_PREFIX}pair:${account}|${address}`,
    address: `${KEY_PREFIX}address:${address}`,
    account: wholeAccount ? `${KEY_PREFIX}account:${account}` : null,
  };
}

export type Reservation =
  | { refused: Refusal; accountAttempts: 0 }
  /** The account's attempts in its window, this one included (0 when not counted). */
  | { refused: null; accountAttempts: number };

export interface AttemptCounters {
  /** Counts an attempt, or refuses it and counts nothing further. */
  reserve(keys: AttemptKeys): Promise<Reservation>;
  /** Gives back a successful attempt: the pair starts afresh, address and account lose one. */
  release(keys: AttemptKeys): Promise<void>;
}

const { rateLimits } = schema;
const p = (name: string) => sql.placeholder(name);
const seconds = (name: string) => sql`(${p(name)}::int * interval '1 second')`;
/** The existing row in an upsert's update, and whether it has run out. */
const expired = sql`rate_limits.expire <= now()`;
const restartOrAdd = sql`case when ${expired} then 1 else rate_limits.points + 1 end`;

/** How long the pair stays locked after its `points`-th attempt. */
const pairLock = sql`(case when rate_limits.points > ${p("freeAttempts")}::int
  then least(power(2, least(rate_limits.points - ${p("freeAttempts")}::int - 1, 30)), ${p("maxLockSeconds")}::int)
  else 0 end) * interval '1 second'`;
/** The pair's last attempt is `expire - window`; it is open once that attempt's lock is over. */
const pairUnlockedAt = sql`rate_limits.expire - ${seconds("pairWindowSeconds")} + ${pairLock}`;

const addressFirstExpire = sql`now() + case when 1 >= ${p("addressCap")}::int
  then ${seconds("addressLockSeconds")} else ${seconds("addressWindowSeconds")} end`;

/** Where an upsert takes its one row from: its own values, or the CTE before it. */
type Source = { cte: string; condition?: SQL } | null;

function insertRow(db: Database, key: string, expire: SQL, source: Source) {
  const insert = db.insert(rateLimits);
  if (!source) return insert.values({ key: p(key), points: 1, expire });
  const where = source.condition ? sql` where ${source.condition}` : sql``;
  return insert.select(
    sql`select ${p(key)}::text, 1, ${expire} from ${sql.identifier(source.cte)}${where}`,
  );
}

function pairUpsert(db: Database, source: Source) {
  return insertRow(db, "pairKey", sql`now() + ${seconds("pairWindowSeconds")}`, source)
    .onConflictDoUpdate({
      target: rateLimits.key,
      // `now()` is when each statement's transaction began: a parallel attempt that began
      // later may have been counted first. So the free attempts pass without comparing
      // times, and the last attempt's time never moves back.
      set: {
        points: restartOrAdd,
        expire: sql`case when ${expired} then excluded.expire
          else greatest(rate_limits.expire, excluded.expire) end`,
      },
      setWhere: sql`${expired} or rate_limits.points <= ${p("freeAttempts")}::int
        or now() >= ${pairUnlockedAt}`,
    })
    .returning({ points: rateLimits.points });
}

function addressUpsert(db: Database, source: Source) {
  return insertRow(db, "addressKey", addressFirstExpire, source)
    .onConflictDoUpdate({
      target: rateLimits.key,
      set: {
        points: restartOrAdd,
        expire: sql`case when ${expired} then excluded.expire
          when rate_limits.points + 1 >= ${p("addressCap")}::int then now() + ${seconds("addressLockSeconds")}
          else rate_limits.expire end`,
      },
      setWhere: sql`${expired} or rate_limits.points < ${p("addressCap")}::int`,
    })
    .returning({ points: rateLimits.points });
}

function accountUpsert(db: Database, source: Source) {
  return insertRow(db, "accountKey", sql`now() + ${seconds("accountWindowSeconds")}`, source)
    .onConflictDoUpdate({
      target: rateLimits.key,
      set: {
        points: restartOrAdd,
        expire: sql`case when ${expired} then excluded.expire else rate_limits.expire end`,
      },
    })
    .returning({ points: rateLimits.points });
}

/** Seconds until a refusing row lets the next attempt through, as last committed. */
const row = (key: string) => sql`from rate_limits where key = ${p(key)} and expire > now()`;
const wait = {
  pair: () =>
    sql<number | null>`(select extract(epoch from ${pairUnlockedAt} - now()) ${row("pairKey")})`,
  address: () =>
    sql<number | null>`(select extract(epoch from expire - now()) ${row("addressKey")})`,
};
/** Address and account each lose the attempt that succeeded. */
const giveBackOne = {
  points: sql`greatest(rate_limits.points - 1, 0)`,
};
const live = (key: string) => sql`${rateLimits.key} = ${p(key)} and rate_limits.expire > now()`;
/** True, once the data-modifying CTE `cte` has run to its end. */
const after = (cte: string) => sql`(select count(*) from ${sql.identifier(cte)}) >= 0`;

const statementsFor = preparedPerDatabase((db) => {
  const pair = db.$with("pair").as(pairUpsert(db, null));
  const address = db.$with("address").as(addressUpsert(db, { cte: "pair" }));
  const account = db
    .$with("account")
    .as(
      accountUpsert(db, { cte: "address", condition: sql`${p("accountKey")}::text is not null` }),
    );
  const once = sql`(values (1)) as once`;
  const forgotten = db.$with("forgotten").as(
    db
      .delete(rateLimits)
      .where(eq(rateLimits.key, p("pairKey")))
      .returning({ key: rateLimits.key }),
  );
  const addressBack = db.$with("address_back").as(
    db
      .update(rateLimits)
      .set(giveBackOne)
      .where(and(live("addressKey"), after("forgotten")))
      .returning({ key: rateLimits.key }),
  );
  return {
    reserveAll: db
      .with(pair, address, account)
      .select({
        pair: sql<number | null>`(select points from pair)`.mapWith(numberOrNull),
        address: sql<number | null>`(select points from address)`.mapWith(numberOrNull),
        account: sql<number | null>`(select points from account)`.mapWith(numberOrNull),
        pairWait: wait.pair().mapWith(numberOrNull),
        addressWait: wait.address().mapWith(numberOrNull),
      })
      .from(once)
      .prepare("attempt_reserve"),
    reservePair: pairUpsert(db, null).prepare("attempt_reserve_pair"),
    reserveAddress: addressUpsert(db, null).prepare("attempt_reserve_address"),
    reserveAccount: accountUpsert(db, null).prepare("attempt_reserve_account"),
    pairWait: db
      .select({ wait: wait.pair().mapWith(numberOrNull) })
      .from(once)
      .prepare("attempt_pair_wait"),
    addressWait: db
      .select({ wait: wait.address().mapWith(numberOrNull) })
      .from(once)
      .prepare("attempt_address_wait"),
    forgetPair: db
      .delete(rateLimits)
      .where(eq(rateLimits.key, p("pairKey")))
      .prepare("attempt_forget_pair"),
    giveBackAddress: db
      .update(rateLimits)
      .set(giveBackOne)
      .where(live("addressKey"))
      .prepare("attempt_give_back_address"),
    giveBackAccount: db
      .update(rateLimits)
      .set(giveBackOne)
      .where(live("accountKey"))
      .prepare("attempt_give_back_account"),
    // A success takes the rows in the order every reservation takes them, pair, address,
    // account, or the two would deadlock: each step waits for the one before it through a
    // one-time filter on that step's RETURNING (otherwise an unread CTE runs last).
    releaseAll: db
      .with(forgotten, addressBack)
      .update(rateLimits)
      .set(giveBackOne)
      .where(and(live("accountKey"), after("address_back")))
      .prepare("attempt_release"),
  };
});

function numberOrNull(value: unknown): number | null {
  return value === null || value === undefined ? null : Number(value);
}

function refusal(seconds: number | null): Refusal {
  return { retryAfter: Math.max(1, Math.ceil(seconds ?? 1)) };
}

/** The counters of `db` under `policy`; `oneStatement` is FAST_RATE_LIMIT_READS. */
export function attemptCounters(
  db: Database,
  policy: AttemptPolicy,
  oneStatement: boolean,
): AttemptCounters {
  const statements = () => statementsFor(db);
  const values = (keys: AttemptKeys) => ({
    ...policy,
    pairKey: keys.pair,
    addressKey: keys.address,
    accountKey: keys.account,
  });

  async function reserveOneByOne(keys: AttemptKeys): Promise<Reservation> {
    const s = statements();
    const params = values(keys);
    const [pair] = await s.reservePair.execute(params);
    if (!pair) {
      const [row] = await s.pairWait.execute(params);
      return { refused: refusal(row?.wait ?? null), accountAttempts: 0 };
    }
    const [address] = await s.reserveAddress.execute(params);
    if (!address) {
      const [row] = await s.addressWait.execute(params);
      return { refused: refusal(row?.wait ?? null), accountAttempts: 0 };
    }
    if (keys.account === null) return { refused: null, accountAttempts: 0 };
    const [account] = await s.reserveAccount.execute(params);
    return { refused: null, accountAttempts: account?.points ?? 0 };
  }

  return {
    async reserve(keys) {
      if (!oneStatement) return reserveOneByOne(keys);
      const [row] = await statements().reserveAll.execute(values(keys));
      if (!row || row.pair === null)
        return { refused: refusal(row?.pairWait ?? null), accountAttempts: 0 };
      if (row.address === null) return { refused: refusal(row.addressWait), accountAttempts: 0 };
      return { refused: null, accountAttempts: row.account ?? 0 };
    },
    async release(keys) {
      const s = statements();
      const params = values(keys);
      if (oneStatement) await s.releaseAll.execute(params);
      else {
        // One row per statement, in the order reservations take them: no two wait on each other.
        await s.forgetPair.execute(params);
        await s.giveBackAddress.execute(params);
        await s.giveBackAccount.execute(params);
      }
    },
  };
}

/** Drops counters that have run out; rate-limiter-flexible's own rows are its business. */
export async function pruneAttemptCounters(db: Database): Promise<void> {
  await db.delete(rateLimits).where(sql`${rateLimits.key} like ${`${KEY_PREFIX}%`} and ${expired}`);
}

/**
 * The same counters in memory, for embedded PGlite: it serves one process, and its database
 * runs on the event loop, where every statement a sign-in saves is time left to hashing. The
 * rules are those of the statements above, in the same order (the pair, then the address,
 * then the account); each `reserve` runs to its end without yielding, so it is atomic.
 * test/attempt-counters.test.ts holds both to the same expectations.
 */
export function memoryAttemptCounters(policy: AttemptPolicy): AttemptCounters {
  const rows = new Map<string, { points: number; expire: number }>();
  const second = 1000;

  function live(key: string, now: number) {
    const row = rows.get(key);
    return row && row.expire > now ? row : undefined;
  }
  function sweep(now: number) {
    if (rows.size < 10_000) return;
    for (const [key, row] of rows) if (row.expire <= now) rows.delete(key);
  }
  function pairUnlockedAt(row: { points: number; expire: number }): number {
    const over = row.points - policy.freeAttempts;
    const lock = over > 0 ? Math.min(2 ** Math.min(over - 1, 30), policy.maxLockSeconds) : 0;
    return row.expire - policy.pairWindowSeconds * second + lock * second;
  }
  const refused = (ms: number): Reservation => ({
    refused: { retryAfter: Math.max(1, Math.ceil(ms / second)) },
    accountAttempts: 0,
  });

  return {
    reserve(keys) {
      const now = Date.now();
      sweep(now);
      const pair = live(keys.pair, now);
      if (pair && pair.points > policy.freeAttempts && now < pairUnlockedAt(pair))
        return Promise.resolve(refused(pairUnlockedAt(pair) - now));
      rows.set(keys.pair, {
        points: (pair?.points ?? 0) + 1,
        expire: now + policy.pairWindowSeconds * second,
      });

      const address = live(keys.address, now);
      if (address && address.points >= policy.addressCap)
        return Promise.resolve(refused(address.expire - now));
      const points = (address?.points ?? 0) + 1;
      const expire =
        points >= policy.addressCap
          ? now + policy.addressLockSeconds * second
          : (address?.expire ?? now + policy.addressWindowSeconds * second);
      rows.set(keys.address, { points, expire });

      if (keys.account === null) return Promise.resolve({ refused: null, accountAttempts: 0 });
      const account = live(keys.account, now);
      const attempts = (account?.points ?? 0) + 1;
      rows.set(keys.account, {
        points: attempts,
        expire: account?.expire ?? now + policy.accountWindowSeconds * second,
      });
      return Promise.resolve({ refused: null, accountAttempts: attempts });
    },
    release(keys) {
      const now = Date.now();
      rows.delete(keys.pair);
      for (const key of [keys.address, keys.account]) {
        const row = key === null ? undefined : live(key, now);
        if (row) row.points = Math.max(row.points - 1, 0);
      }
      return Promise.resolve();
    },
  };
}
