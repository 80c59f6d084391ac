import { createTRPCClient, httpBatchStreamLink } from "@trpc/client";
import { afterAll, beforeAll, describe, expect, test } from "vitest";

import type { AppRouter, AuthResult, Problem } from "@kabinet/contracts";
import { schema } from "@kabinet/db";

import { newUser, startTestServer, type TestServer } from "./helpers.ts";
import { expectOk, expectProblem, fields, surfaces, type Surface } from "./surfaces.ts";

/** Splits RFC 4180 CSV into records (quoted fields may hold commas, quotes and newlines). */
function parseCsv(text: string): string[][] {
  const records: string[][] = [];
  let record: string[] = [];
  let field = "";
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ",") {
      record.push(field);
      field = "";
    } else if (c === "\n") {
      record.push(field);
      records.push(record);
      record = [];
      field = "";
    } else if (c !== "\r") field += c;
  }
  if (field || record.length) {
    record.push(field);
    records.push(record);
  }
  return records;
}

describe.each(surfaces)("the audit log over %s", (_surfaceName, makeSurface) => {
  let server: TestServer;
  let api: Surface;
  let owner: { id: number; token: string };
  let target: { id: number; login: string };
  let group: { id: number };

  beforeAll(async () => {
    server = await startTestServer();
    api = makeSurface(server);
    const reg = expectOk(
      await api.call("auth", "register", newUser({}, "owner"), {
        headers: { "user-agent": "=cmd|' /C calc'!A0" },
      }),
    );
    owner = { id: reg.user.id, token: reg.token.access_token };
    const body = newUser({ role: "teacher" }, "subject");
    target = {
      id: expectOk(await api.call("users", "create", body, { token: owner.token })).user.id,
      login: body.login,
    };
    expectOk(
      await api.call(
        "users",
        "update",
        { id: target.id, first_name: "Мария" },
        { token: owner.token },
      ),
    );
    expectOk(
      await api.call("users", "setRole", { id: target.id, role: "admin" }, { token: owner.token }),
    );
    expectOk(
      await api.call(
        "users",
        "setState",
        { id: target.id, state: "blocked" },
        { token: owner.token },
      ),
    );
    expectOk(
      await api.call(
        "users",
        "setState",
        { id: target.id, state: "activated" },
        { token: owner.token },
      ),
    );
    expectOk(await api.call("users", "resetPassword", { id: target.id }, { token: owner.token }));
    group = expectOk(
      await api.call(
        "groups",
        "create",
        { name: "Printers", permissions: ["device:printer:use"] },
        { token: owner.token },
      ),
    );
    expectOk(
      await api.call(
        "groups",
        "addMember",
        { id: group.id, user_id: target.id },
        { token: owner.token },
      ),
    );
    expectOk(
      await api.call("groups", "update", { id: group.id, permissions: [] }, { token: owner.token }),
    );
    expectOk(
      await api.call(
        "groups",
        "removeMember",
        { id: group.id, user_id: target.id },
        { token: owner.token },
      ),
    );
  });
  afterAll(() => server.close());

  test("every change of this area is logged with actor and subject", async () => {
    const { items } = expectOk(
      await api.call(
        "logs",
        "list",
        { user_id: target.id, order: "asc", limit: 100 },
        { token: owner.token },
      ),
    );
    expect(items.map((e) => e.action)).toEqual([
      "user.created",
      "user.updated",
      "user.role_changed",
      "user.blocked",
      "user.unblocked",
      "user.password_reset",
      "group.member_added",
      "group.member_removed",
    ]);
    for (const entry of items)
      expect(entry).toMatchObject({
        actor_id: owner.id,
        user_id: target.id,
        user_login: target.login,
        ip: "127.0.0.1",
      });
    expect(items[2]?.details).toEqual({ from: "teacher", to: "admin" });
  });

  test("filters by group, actor, action and time range, newest first by default", async () => {
    const byGroup = expectOk(
      await api.call("logs", "list", { group_id: group.id }, { token: owner.token }),
    );
    expect(byGroup.items.map((e) => e.action)).toEqual([
      "group.member_removed",
      "group.updated",
      "group.member_added",
      "group.created",
    ]);
    const byAction = expectOk(
      await api.call("logs", "list", { action: "user.role_changed" }, { token: owner.token }),
    );
    expect(byAction.items).toHaveLength(1);
    const byActor = expectOk(
      await api.call("logs", "list", { actor_id: target.id }, { token: owner.token }),
    );
    expect(byActor.items).toEqual([]);
    const future = new Date(Date.now() + 60_000).toISOString();
    expect(
      expectOk(await api.call("logs", "list", { from: future }, { token: owner.token })).items,
    ).toEqual([]);
    const all = expectOk(
      await api.call("logs", "list", { to: future, limit: 100 }, { token: owner.token }),
    );
    const times = all.items.map((e) => e.at);
    expect(times).toEqual([...times].sort().reverse());
  });

  test("pages by cursor in both orders without gaps or repeats", async () => {
    const everything = expectOk(
      await api.call("logs", "list", { limit: 100, order: "asc" }, { token: owner.token }),
    ).items.map((e) => e.id);
    for (const order of ["asc", "desc"] as const) {
      const seen: number[] = [];
      let cursor: string | undefined;
      do {
        const page = expectOk(
          await api.call(
            "logs",
            "list",
            { order, limit: 3, ...(cursor ? { cursor } : {}) },
            { token: owner.token },
          ),
        );
        seen.push(...page.items.map((e) => e.id));
        cursor = page.next_cursor ?? undefined;
      } while (cursor);
      expect(seen).toEqual(order === "asc" ? everything : [...everything].reverse());
    }
  });

  test("refuses bad filters", async () => {
    const outcome = await api.call(
      "logs",
      "list",
      { user_id: "x", from: "yesterday", action: "DROP TABLE", limit: 0 },
      { token: owner.token },
    );
    expectProblem(outcome, 400, "validation_failed");
    expect(new Set(fields(outcome))).toEqual(new Set(["user_id", "from", "action", "limit"]));
  });

  test("is append-only at the database too: entries are written in the change's transaction", async () => {
    const before = expectOk(
      await api.call(
        "logs",
        "list",
        { action: "group.created", limit: 100 },
        { token: owner.token },
      ),
    ).items.length;
    expectProblem(
      await api.call("groups", "create", { name: "printers" }, { token: owner.token }),
      409,
      "group_name_taken",
    );
    const after = expectOk(
      await api.call(
        "logs",
        "list",
        { action: "group.created", limit: 100 },
        { token: owner.token },
      ),
    ).items.length;
    expect(after).toBe(before);
  });
});

describe("the CSV export", () => {
  let server: TestServer;
  let token: string;
  let ownerId: number;

  beforeAll(async () => {
    server = await startTestServer();
    const res = await fetch(`${server.baseUrl}/rest/v1/auth/register`, {
      method: "POST",
      headers: { "content-type": "application/json", "user-agent": '=HYPERLINK("http://evil")' },
      body: JSON.stringify(newUser({}, "owner")),
    });
    const body = (await res.json()) as AuthResult;
    token = body.token.access_token;
    ownerId = body.user.id;
    // 2,500 entries: the export reads them in several batches.
    const rows = Array.from({ length: 2500 }, (_, i) => ({
      action: i % 2 ? "bulk.odd" : "bulk.even",
      userId: ownerId,
      details: { i, note: 'comma, "quote"\nline' },
      at: new Date(Date.now() - 60_000 + i),
    }));
    for (let i = 0; i < rows.length; i += 500)
      await server.database.db.insert(schema.auditLog).values(rows.slice(i, i + 500));
  });
  afterAll(() => server.close());

  async function exportCsv(query: string) {
    return fetch(`${server.baseUrl}/rest/v1/logs/export.csv?${query}`, {
      headers: { authorization: `Bearer ${token}` },
    });
  }

  test("streams every matching entry as RFC 4180 CSV with a header row", async () => {
    const res = await exportCsv("action=bulk.odd&order=asc");
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("text/csv; charset=utf-8");
    expect(res.headers.get("content-disposition")).toMatch(
      /^attachment; filename="kabinet-logs-\d{4}-\d{2}-\d{2}\.csv"$/,
    );
    const records = parseCsv(await res.text());
    expect(records[0]).toEqual([
      "id",
      "at",
      "action",
      "actor_id",
      "actor_login",
      "user_id",
      "user_login",
      "group_id",
      "device_id",
      "event_id",
      "ip",
      "user_agent",
      "details",
    ]);
    const data = records.slice(1);
    expect(data).toHaveLength(1250);
    expect(data.every((r) => r[2] === "bulk.odd")).toBe(true);
    const order = data.map((r) => JSON.parse(r[12]!).i);
    expect(order).toEqual([...order].sort((a, b) => a - b));
    expect(JSON.parse(data[0]![12]!)).toEqual({ i: 1, note: 'comma, "quote"\nline' });
  });

  test("neutralises cells a spreadsheet would run as formulas", async () => {
    const records = parseCsv(await (await exportCsv("action=auth.register")).text());
    expect(records[1]![11]).toBe(`'=HYPERLINK("http://evil")`);
  });

  test("refuses bad filters with a problem, and callers without logs:read", async () => {
    const bad = await exportCsv("from=soon");
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as Problem).code).toBe("validation_failed");
    const anonymous = await fetch(`${server.baseUrl}/rest/v1/logs/export.csv`);
    expect(anonymous.status).toBe(401);
  });

  test("streams over tRPC as chunks of the same file", async () => {
    const client = createTRPCClient<AppRouter>({
      links: [
        httpBatchStreamLink({
          url: `${server.baseUrl}/trpc`,
          headers: { authorization: `Bearer ${token}` },
        }),
      ],
    });
    let text = "";
    for await (const chunk of await client.logs.export.query({ action: "bulk.even" }))
      text += chunk;
    expect(parseCsv(text)).toHaveLength(1251);
  });
});
