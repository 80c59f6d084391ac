import { afterAll, beforeAll, describe, expect, test } from "vitest";

import type { FriendStatus } from "@kabinet/contracts";
import { and, eq, inArray, or, schema } from "@kabinet/db";

import { newUser, startTestServer, type TestServer } from "./helpers.ts";
import { expectOk, expectProblem, fields, surfaces, type Surface } from "./surfaces.ts";

interface Person {
  id: number;
  token: string;
}

describe.each(surfaces)("friends over %s", (_surfaceName, makeSurface) => {
  let server: TestServer;
  let api: Surface;
  let admin: string;

  async function signUp(first_name = "Анна", last_name = "Смирнова"): Promise<Person> {
    const reg = expectOk(
      await api.call("auth", "register", newUser({ first_name, last_name }, "fr")),
    );
    return { id: reg.user.id, token: reg.token.access_token };
  }

  const ask = (from: Person, to: Person | number) =>
    api.call(
      "friends",
      "request",
      { user_id: typeof to === "number" ? to : to.id },
      { token: from.token },
    );
  const remove = (from: Person, to: Person) =>
    api.call("friends", "remove", { user_id: to.id }, { token: from.token });
  const statusOf = async (from: Person, to: Person): Promise<FriendStatus> =>
    expectOk(await api.call("friends", "status", { user_id: to.id }, { token: from.token })).status;
  const friendIds = async (of: Person) =>
    expectOk(await api.call("friends", "list", { limit: 100 }, { token: of.token })).items.map(
      (f) => f.user_id,
    );
  const requestIds = async (of: Person, direction?: "incoming" | "outgoing") =>
    expectOk(
      await api.call(
        "friends",
        "requests",
        direction ? { direction, limit: 100 } : { limit: 100 },
        { token: of.token },
      ),
    ).items.map((r) => r.user_id);

  /** The audit actions written about the pair, oldest first. */
  async function actionsBetween(a: Person, b: Person) {
    const { auditLog } = schema;
    const rows = await server.database.db
      .select({ action: auditLog.action })
      .from(auditLog)
      .where(
        and(
          inArray(auditLog.action, [
            "friend.requested",
            "friend.accepted",
            "friend.removed",
            "friend.request_cancelled",
            "friend.request_declined",
          ]),
          or(
            and(eq(auditLog.actorId, a.id), eq(auditLog.userId, b.id)),
            and(eq(auditLog.actorId, b.id), eq(auditLog.userId, a.id)),
          ),
        ),
      )
      .orderBy(auditLog.id);
    return rows.map((r) => r.action);
  }

  async function relationRows(a: Person, b: Person) {
    const { friendships } = schema;
    return server.database.db
      .select()
      .from(friendships)
      .where(
        or(
          and(eq(friendships.requesterId, a.id), eq(friendships.addresseeId, b.id)),
          and(eq(friendships.requesterId, b.id), eq(friendships.addresseeId, a.id)),
        ),
      );
  }

  beforeAll(async () => {
    server = await startTestServer({ FRIEND_REQUESTS_PER_HOUR: "1000" });
    api = makeSurface(server);
    admin = (await signUp()).token;
  });
  afterAll(() => server.close());

  test("request, see it on both sides, accept by asking back, unfriend", async () => {
    const anna = await signUp("Анна", "Петрова");
    const boris = await signUp("Борис", "Орлов");
    expect(expectOk(await ask(anna, boris))).toEqual({
      user_id: boris.id,
      status: "pending_outgoing",
    });
    expect(await statusOf(anna, boris)).toBe("pending_outgoing");
    expect(await statusOf(boris, anna)).toBe("pending_incoming");

    const incoming = expectOk(
      await api.call("friends", "requests", {}, { token: boris.token }),
    ).items;
    expect(incoming).toEqual([
      {
        user_id: anna.id,
        display_name: "Анна Петрова",
        pic: null,
        confirmed: false,
        karma: 0,
        direction: "incoming",
        requested_at: expect.any(String),
      },
    ]);
    expect(await requestIds(boris, "outgoing")).toEqual([]);
    expect(await requestIds(anna, "outgoing")).toEqual([boris.id]);
    expect(await requestIds(anna)).toEqual([]);

    // Sending again answers the same and changes nothing.
    expect(expectOk(await ask(anna, boris)).status).toBe("pending_outgoing");

    expect(expectOk(await ask(boris, anna))).toEqual({ user_id: anna.id, status: "friends" });
    expect(expectOk(await ask(boris, anna)).status).toBe("friends");
    expect(expectOk(await ask(anna, boris)).status).toBe("friends");
    expect(await statusOf(anna, boris)).toBe("friends");
    const [friend] = expectOk(await api.call("friends", "list", {}, { token: anna.token })).items;
    expect(friend).toEqual({
      user_id: boris.id,
      display_name: "Борис Орлов",
      pic: null,
      confirmed: false,
      karma: 0,
      since: expect.any(String),
      pending: false,
    });
    expect(await friendIds(boris)).toEqual([anna.id]);
    expect(await requestIds(boris)).toEqual([]);

    expect(expectOk(await remove(anna, boris))).toEqual({ user_id: boris.id, status: "none" });
    expect(expectOk(await remove(anna, boris)).status).toBe("none");
    expect(await statusOf(boris, anna)).toBe("none");
    expect(await friendIds(boris)).toEqual([]);
    expect(await actionsBetween(anna, boris)).toEqual([
      "friend.requested",
      "friend.accepted",
      "friend.removed",
    ]);
  });

  test("include_outgoing lists my unanswered requests among my friends, flagged pending", async () => {
    const anna = await signUp();
    const asked = await signUp();
    const friend = await signUp();
    const asker = await signUp();
    expectOk(await ask(anna, friend));
    expectOk(await ask(friend, anna));
    expectOk(await ask(anna, asked));
    expectOk(await ask(asker, anna));
    const list = async (query: Record<string, unknown>) =>
      expectOk(await api.call("friends", "list", query, { token: anna.token }));
    expect((await list({})).items.map((f) => [f.user_id, f.pending])).toEqual([[friend.id, false]]);
    const all = await list({ include_outgoing: true });
    // Newest first: the request to `asked` came after the friendship; `asker`'s is incoming.
    expect(all.items.map((f) => [f.user_id, f.pending])).toEqual([
      [asked.id, true],
      [friend.id, false],
    ]);
    // Paged one by one, the merged list is the same.
    const first = await list({ include_outgoing: true, limit: 1 });
    expect(first.items.map((f) => f.user_id)).toEqual([asked.id]);
    const second = await list({ include_outgoing: true, limit: 1, cursor: first.next_cursor });
    expect(second.items.map((f) => f.user_id)).toEqual([friend.id]);
    expect(second.next_cursor).toBeNull();
    // A cursor of one list is not one of the other.
    expectProblem(
      await api.call("friends", "list", { cursor: first.next_cursor }, { token: anna.token }),
      400,
      "validation_failed",
    );
  });

  test("cancelling my request and declining theirs", async () => {
    const anna = await signUp();
    const boris = await signUp();
    expectOk(await ask(anna, boris));
    expect(expectOk(await remove(anna, boris)).status).toBe("none");
    expect(await requestIds(boris)).toEqual([]);
    expectOk(await ask(anna, boris));
    expect(expectOk(await remove(boris, anna)).status).toBe("none");
    expect(await requestIds(anna, "outgoing")).toEqual([]);
    expect(await actionsBetween(anna, boris)).toEqual([
      "friend.requested",
      "friend.request_cancelled",
      "friend.requested",
      "friend.request_declined",
    ]);
  });

  test("no requests to oneself, to unknown, blocked or removed people", async () => {
    const anna = await signUp();
    for (const op of ["request", "status", "remove"] as const) {
      const outcome = await api.call("friends", op, { user_id: anna.id }, { token: anna.token });
      expectProblem(outcome, 400, "validation_failed");
      expect(fields(outcome)).toEqual(["user_id"]);
      expectProblem(
        await api.call("friends", op, { user_id: 999_999 }, { token: anna.token }),
        404,
        "user_not_found",
      );
    }
    const blocked = await signUp();
    const removed = await signUp();
    expectOk(
      await api.call("users", "setState", { id: blocked.id, state: "blocked" }, { token: admin }),
    );
    expectOk(await api.call("users", "remove", { id: removed.id }, { token: admin }));
    for (const target of [blocked, removed]) {
      expectProblem(await ask(anna, target), 404, "user_not_found");
      expect(await relationRows(anna, target)).toEqual([]);
    }
    expectProblem(await api.call("friends", "list", {}), 401, "unauthorized");
    expectProblem(await api.call("friends", "request", { user_id: anna.id }), 401, "unauthorized");
  });

  test("friends and requests of a blocked person are not listed while they are blocked", async () => {
    const anna = await signUp();
    const friend = await signUp();
    const asker = await signUp();
    expectOk(await ask(anna, friend));
    expectOk(await ask(friend, anna));
    expectOk(await ask(asker, anna));
    const block = (p: Person, state: "blocked" | "activated") =>
      api.call("users", "setState", { id: p.id, state }, { token: admin });
    expectOk(await block(friend, "blocked"));
    expectOk(await block(asker, "blocked"));
    expect(await friendIds(anna)).toEqual([]);
    expect(await requestIds(anna)).toEqual([]);
    expectOk(await block(friend, "activated"));
    expectOk(await block(asker, "activated"));
    expect(await friendIds(anna)).toEqual([friend.id]);
    expect(await requestIds(anna)).toEqual([asker.id]);
  });

  test("two people asking each other at the same instant become friends once", async () => {
    for (let round = 0; round < 5; round++) {
      const a = await signUp();
      const b = await signUp();
      const answers = await Promise.all([ask(a, b), ask(b, a)]);
      const statuses = answers.map((o) => expectOk(o).status).sort();
      // The later one finds the earlier's request and accepts it; or, when the two meet at
      // the unique index, the loser accepts the winner's.
      expect(statuses).toContain("friends");
      expect(await statusOf(a, b)).toBe("friends");
      expect(await relationRows(a, b)).toHaveLength(1);
      expect(await actionsBetween(a, b)).toEqual(["friend.requested", "friend.accepted"]);
    }
  });

  test("50 parallel sends to the same person make one request", async () => {
    const a = await signUp();
    const b = await signUp();
    const answers = await Promise.all(Array.from({ length: 50 }, () => ask(a, b)));
    for (const answer of answers) expect(expectOk(answer).status).toBe("pending_outgoing");
    expect(await relationRows(a, b)).toHaveLength(1);
    expect(await actionsBetween(a, b)).toEqual(["friend.requested"]);
    expect(await requestIds(b)).toEqual([a.id]);
  });

  test("friends and requests page by cursor, newest first, each once", async () => {
    const hub = await signUp();
    const others: Person[] = [];
    for (let i = 0; i < 5; i++) {
      const other = await signUp();
      others.push(other);
      expectOk(await ask(other, hub));
    }
    const pageThrough = async (op: "list" | "requests") => {
      const seen: number[] = [];
      let cursor: string | undefined;
      let pages = 0;
      do {
        const page = expectOk(
          await api.call(
            "friends",
            op,
            { limit: 2, ...(cursor ? { cursor } : {}) },
            { token: hub.token },
          ),
        );
        seen.push(...page.items.map((f) => f.user_id));
        cursor = page.next_cursor ?? undefined;
        pages += 1;
      } while (cursor);
      expect(pages).toBe(3);
      return seen;
    };
    const newestFirst = others.map((o) => o.id).reverse();
    expect(await pageThrough("requests")).toEqual(newestFirst);
    // Accepting in another order: the friends list follows the acceptances. Some are asked
    // by the hub and some asked the hub, so both sides of the table are merged.
    const acceptOrder = [others[2]!, others[0]!, others[4]!, others[1]!, others[3]!];
    for (const other of acceptOrder) expectOk(await ask(hub, other));
    const extra = await signUp();
    expectOk(await ask(hub, extra));
    expectOk(await ask(extra, hub));
    const friendsNewestFirst = [extra, ...[...acceptOrder].reverse()].map((o) => o.id);
    expect(await friendIds(hub)).toEqual(friendsNewestFirst);
    const seen: number[] = [];
    let cursor: string | undefined;
    do {
      const page = expectOk(
        await api.call(
          "friends",
          "list",
          { limit: 4, ...(cursor ? { cursor } : {}) },
          { token: hub.token },
        ),
      );
      seen.push(...page.items.map((f) => f.user_id));
      cursor = page.next_cursor ?? undefined;
    } while (cursor);
    expect(seen).toEqual(friendsNewestFirst);
    const cursorOfRequests = expectOk(
      await api.call("friends", "requests", { limit: 1 }, { token: others[0]!.token }),
    ).next_cursor;
    expect(cursorOfRequests).toBeNull();
  });
});

describe.each(surfaces)("the friend request limit over %s", (_surfaceName, makeSurface) => {
  let server: TestServer;
  let api: Surface;

  beforeAll(async () => {
    server = await startTestServer({ FRIEND_REQUESTS_PER_HOUR: "3" });
    api = makeSurface(server);
  });
  afterAll(() => server.close());

  test("new requests past the hourly limit are 429 with Retry-After; resends and accepts are free", async () => {
    const signUp = async () => {
      const reg = expectOk(await api.call("auth", "register", newUser({}, "frl")));
      return { id: reg.user.id, token: reg.token.access_token };
    };
    const me = await signUp();
    const targets = [await signUp(), await signUp(), await signUp(), await signUp()];
    const suitor = await signUp();
    expectOk(await api.call("friends", "request", { user_id: me.id }, { token: suitor.token }));
    const ask = (to: Person) =>
      api.call("friends", "request", { user_id: to.id }, { token: me.token });
    for (const target of targets.slice(0, 3)) expectOk(await ask(target));
    const refused = await ask(targets[3]!);
    expectProblem(refused, 429, "rate_limited");
    if (!refused.ok) expect(refused.retryAfter).toBeGreaterThan(0);
    expect(expectOk(await ask(targets[0]!)).status).toBe("pending_outgoing");
    expect(expectOk(await ask(suitor)).status).toBe("friends");
    // Withdrawing a request does not give the allowance back.
    expectOk(await api.call("friends", "remove", { user_id: targets[0]!.id }, { token: me.token }));
    expectProblem(await ask(targets[3]!), 429, "rate_limited");
  });

  test("parallel new requests cannot slip past the limit", async () => {
    const reg = expectOk(await api.call("auth", "register", newUser({}, "frp")));
    const me = { id: reg.user.id, token: reg.token.access_token };
    const targets = await Promise.all(
      Array.from({ length: 10 }, async () => {
        const r = expectOk(await api.call("auth", "register", newUser({}, "frq")));
        return r.user.id;
      }),
    );
    const answers = await Promise.all(
      targets.map((id) => api.call("friends", "request", { user_id: id }, { token: me.token })),
    );
    expect(answers.filter((a) => a.ok)).toHaveLength(3);
    for (const refused of answers.filter((a) => !a.ok)) expectProblem(refused, 429, "rate_limited");
    const rows = await server.database.db
      .select()
      .from(schema.friendships)
      .where(eq(schema.friendships.requesterId, me.id));
    expect(rows).toHaveLength(3);
  });
});
