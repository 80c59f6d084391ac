import { afterAll, beforeAll, describe, expect, test } from "vitest";

import type { AuthResult } from "@kabinet/contracts";
import { and, eq, schema } from "@kabinet/db";

import { newUser, rest, startTestServer, type TestServer } from "./helpers.ts";

/*
 * The sign-in limits under concurrency and against strangers, on both surfaces. Every call is
 * sent by hand, so each test decides which cookies and which address a call carries.
 */

interface Answer {
  status: number;
  code: string | undefined;
  retryAfter: number | undefined;
  setCookies: string[];
  data: unknown;
}

interface CallOptions {
  ip?: string;
  token?: string;
  cookie?: string;
}

type Send = (
  operation: string,
  input: unknown,
  options?: CallOptions & { method?: "GET" | "POST" },
) => Promise<Answer>;

const restPaths: Record<string, string> = {
  "auth.login": "/auth/login",
  "auth.logout": "/auth/logout",
  "auth.loginAvailable": "/auth/login-available",
  "me.changePassword": "/me/password",
};

function headersOf(options: CallOptions): Record<string, string> {
  return {
    ...(options.ip ? { "x-forwarded-for": options.ip } : {}),
    ...(options.token ? { authorization: `Bearer ${options.token}` } : {}),
    ...(options.cookie ? { cookie: options.cookie } : {}),
  };
}

function restSender(server: TestServer): Send {
  return async (operation, input, options = {}) => {
    const method = options.method ?? "POST";
    let url = `${server.baseUrl}/rest/v1${restPaths[operation]}`;
    const headers = headersOf(options);
    let body: string | undefined;
    if (method === "GET")
      url += `?${new URLSearchParams(input as Record<string, string>).toString()}`;
    else {
      headers["content-type"] = "application/json";
      body = JSON.stringify(input);
    }
    const res = await fetch(url, { method, headers, body });
    const text = await res.text();
    const data = text ? (JSON.parse(text) as { code?: string }) : undefined;
    const retry = res.headers.get("retry-after");
    return {
      status: res.status,
      code: res.ok ? undefined : data?.code,
      retryAfter: retry ? Number(retry) : undefined,
      setCookies: res.headers.getSetCookie(),
      data,
    };
  };
}

function trpcSender(server: TestServer): Send {
  return async (operation, input, options = {}) => {
    const method = options.method ?? "POST";
    const headers = headersOf(options);
    let url = `${server.baseUrl}/trpc/${operation}`;
    let body: string | undefined;
    if (method === "GET") url += `?input=${encodeURIComponent(JSON.stringify(input))}`;
    else {
      headers["content-type"] = "application/json";
      body = JSON.stringify(input);
    }
    const res = await fetch(url, { method, headers, body });
    const answer = (await res.json()) as {
      result?: { data: unknown };
      error?: { data: { httpStatus: number; problem: string; retryAfter?: number } };
    };
    return {
      status: answer.error?.data.httpStatus ?? res.status,
      code: answer.error?.data.problem,
      retryAfter: answer.error?.data.retryAfter,
      setCookies: res.headers.getSetCookie(),
      data: answer.result?.data,
    };
  };
}

const senders = [
  ["REST", restSender],
  ["tRPC", trpcSender],
] as const;

/** The `name=value` of a Set-Cookie line whose name ends with `suffix`. */
function cookieNamed(setCookies: string[], suffix: string): string | undefined {
  return setCookies
    .map((line) => line.split(";")[0]!)
    .find((pair) => {
      const name = pair.split("=")[0]!;
      return name.endsWith(suffix) && pair.length > name.length + 1;
    });
}

function tally(answers: Answer[]) {
  const counts: Record<number, number> = {};
  for (const answer of answers) counts[answer.status] = (counts[answer.status] ?? 0) + 1;
  return counts;
}

const parallel = <T>(count: number, make: (index: number) => Promise<T>) =>
  Promise.all(Array.from({ length: count }, (_, index) => make(index)));

const elapsed = async <T>(run: () => Promise<T>): Promise<[T, number]> => {
  const started = performance.now();
  const result = await run();
  return [result, performance.now() - started];
};

describe.each(senders)("sign-in limits over %s", (_name, makeSender) => {
  let server: TestServer;
  let send: Send;

  beforeAll(async () => {
    server = await startTestServer({
      TRUST_PROXY: "1",
      LOGIN_FREE_ATTEMPTS: "3",
      LOGIN_FAILS_PER_IP_PER_DAY: "12",
      LOGIN_AVAILABILITY_CHECKS_PER_IP_PER_MINUTE: "5",
    });
    send = makeSender(server);
  });
  afterAll(() => server.close());

  async function signUp() {
    const body = newUser({}, "limits");
    const res = await rest(server)<AuthResult>("POST", "/auth/register", {
      body,
      headers: { "x-forwarded-for": "10.200.0.1" },
    });
    expect(res.status).toBe(201);
    return { ...body, id: res.body.user.id, token: res.body.token.access_token };
  }

  test("parallel wrong passwords from one address verify no more than the free attempts and one", async () => {
    const u = await signUp();
    const answers = await parallel(30, () =>
      send("auth.login", { login: u.login, password: "wrong-guess-000" }, { ip: "10.1.0.1" }),
    );
    const counts = tally(answers);
    expect(counts[401] ?? 0).toBeGreaterThanOrEqual(1);
    expect(counts[401] ?? 0).toBeLessThanOrEqual(4);
    expect(counts[429]).toBe(30 - (counts[401] ?? 0));
    for (const answer of answers.filter((a) => a.status === 429)) {
      expect(answer.code).toBe("rate_limited");
      expect(answer.retryAfter).toBeGreaterThanOrEqual(1);
    }
  });

  test("parallel failures from one address cannot pass its daily cap", async () => {
    const answers = await parallel(30, (i) =>
      send(
        "auth.login",
        { login: `nobody_${i}_x`, password: "wrong-guess-000" },
        { ip: "10.1.1.1" },
      ),
    );
    const counts = tally(answers);
    expect(counts[401] ?? 0).toBeLessThanOrEqual(12);
    expect(counts[429]).toBe(30 - (counts[401] ?? 0));
  });

  test("a wrong current password counts against the same limits and is logged", async () => {
    const u = await signUp();
    const answers = await parallel(10, () =>
      send(
        "me.changePassword",
        { password: "not-my-password-1", new_password: "amber-forest-71-kettle" },
        { ip: "10.1.2.1", token: u.token },
      ),
    );
    const counts = tally(answers);
    expect(counts[403] ?? 0).toBeGreaterThanOrEqual(1);
    expect(counts[403] ?? 0).toBeLessThanOrEqual(4);
    expect(counts[429]).toBe(10 - (counts[403] ?? 0));
    for (const answer of answers.filter((a) => a.status === 403))
      expect(answer.code).toBe("wrong_password");

    const logged = await server.app.services.db
      .select({ ip: schema.auditLog.ip, actorId: schema.auditLog.actorId })
      .from(schema.auditLog)
      .where(
        and(
          eq(schema.auditLog.userId, u.id),
          eq(schema.auditLog.action, "user.password_change_failed"),
        ),
      );
    expect(logged).toHaveLength(counts[403] ?? 0);
    expect(logged[0]).toMatchObject({ ip: "10.1.2.1", actorId: u.id });

    // The same pair of account and address is locked for signing in, too.
    const credentials = { login: u.login, password: u.password };
    const signIn = await send("auth.login", credentials, { ip: "10.1.2.1" });
    expect(signIn.status).toBe(429);
    const elsewhere = await send("auth.login", credentials, { ip: "10.1.2.2" });
    expect(elsewhere.status).toBe(200);
  });

  test("login availability checks are limited per address", async () => {
    const check = (ip: string) =>
      send("auth.loginAvailable", { login: "somebody_free" }, { ip, method: "GET" });
    for (let i = 0; i < 5; i++) expect((await check("10.1.3.1")).status).toBe(200);
    const refused = await check("10.1.3.1");
    expect(refused).toMatchObject({ status: 429, code: "rate_limited" });
    expect(refused.retryAfter).toBeGreaterThanOrEqual(1);
    expect((await check("10.1.3.2")).status).toBe(200);
  });

  test("logout with an access token and no refresh token ends that token's session", async () => {
    const u = await signUp();
    const other = await send(
      "auth.login",
      { login: u.login, password: u.password },
      { ip: "10.1.4.1" },
    );
    expect(other.status).toBe(200);
    const otherToken = (other.data as AuthResult).token.access_token;

    const out = await send("auth.logout", {}, { token: u.token, ip: "10.1.4.1" });
    expect(out.status).toBe(200);
    const me = await rest(server)("GET", "/me", { token: u.token });
    expect(me).toMatchObject({ status: 401, body: { code: "session_revoked" } });
    // Only that session: the other one lives on.
    expect((await rest(server)("GET", "/me", { token: otherToken })).status).toBe(200);
  });
});

describe.each(senders)("account-wide failures over %s", (_name, makeSender) => {
  let server: TestServer;
  let send: Send;

  beforeAll(async () => {
    server = await startTestServer({
      TRUST_PROXY: "1",
      // The stranger's 60 failures all come from one address and all count.
      LOGIN_FREE_ATTEMPTS: "1000",
      LOGIN_FAILS_PER_ACCOUNT_PER_HOUR: "10",
      LOGIN_ACCOUNT_MAX_DELAY_MS: "1500",
    });
    send = makeSender(server);
  });
  afterAll(() => server.close());

  async function strangerFails(login: string) {
    const answers = await parallel(60, (i) =>
      send("auth.login", { login, password: `stranger-guess-${i}` }, { ip: "10.2.0.1" }),
    );
    expect(tally(answers)).toEqual({ 401: 60 });
  }

  test("a stranger's failures do not stop the owner signing in from another address", async () => {
    const body = newUser({}, "victim");
    expect((await rest(server)("POST", "/auth/register", { body })).status).toBe(201);
    await strangerFails(body.login);
    const [owner, ms] = await elapsed(() => send("auth.login", body, { ip: "10.2.0.2" }));
    expect(owner.status).toBe(200);
    // Slowed down, within the configured cap.
    expect(ms).toBeGreaterThanOrEqual(1000);
    expect(ms).toBeLessThan(5000);
  });

  test("the owner's device cookie passes the account-wide slow-down", async () => {
    const body = newUser({}, "device");
    expect((await rest(server)("POST", "/auth/register", { body })).status).toBe(201);
    const first = await send("auth.login", body, { ip: "10.2.1.1" });
    expect(first.status).toBe(200);
    const device = cookieNamed(first.setCookies, "kabinet_device");
    expect(device).toBeDefined();
    const line = first.setCookies.find((l) => l.startsWith(device!.split("=")[0]!))!;
    expect(line).toMatch(/HttpOnly/i);
    expect(line).toMatch(/SameSite=Strict/i);
    expect(line).toMatch(/Path=\//);

    await strangerFails(body.login);
    const [withCookie, fast] = await elapsed(() =>
      send("auth.login", body, { ip: "10.2.1.2", cookie: device }),
    );
    expect(withCookie.status).toBe(200);
    expect(fast).toBeLessThan(800);

    // A cookie of another account, or a forged one, is no exemption.
    const forged = `${device!.slice(0, -4)}AAAA`;
    const [withForged, slow] = await elapsed(() =>
      send("auth.login", body, { ip: "10.2.1.2", cookie: forged }),
    );
    expect(withForged.status).toBe(200);
    expect(slow).toBeGreaterThanOrEqual(1000);
  });
});

describe.each([
  ["the lean handler", "true"],
  ["tRPC's own handler", "false"],
])("tRPC batches through %s", (_name, fast) => {
  let server: TestServer;

  beforeAll(async () => {
    server = await startTestServer({ FAST_TRPC_JSON: fast });
  });
  afterAll(() => server.close());

  interface BatchItem {
    result?: { data: unknown };
    error?: { data: { httpStatus: number; problem: string } };
  }

  async function batch(
    paths: string[],
    inputs: unknown[],
    options: { method?: "GET" | "POST"; token?: string } = {},
  ) {
    const method = options.method ?? "POST";
    const byIndex = Object.fromEntries(inputs.map((input, index) => [index, input]));
    let url = `${server.baseUrl}/trpc/${paths.join(",")}?batch=1`;
    const headers: Record<string, string> = options.token
      ? { authorization: `Bearer ${options.token}` }
      : {};
    let body: string | undefined;
    if (method === "GET") url += `&input=${encodeURIComponent(JSON.stringify(byIndex))}`;
    else {
      headers["content-type"] = "application/json";
      body = JSON.stringify(byIndex);
    }
    const res = await fetch(url, { method, headers, body });
    const answer = (await res.json()) as BatchItem[] | BatchItem;
    return { status: res.status, answer, setCookies: res.headers.getSetCookie() };
  }

  test("sign-in is refused inside a batch: 79 wrong passwords and the right one sign no one in", async () => {
    const body = newUser({}, "batched");
    expect((await rest(server)("POST", "/auth/register", { body })).status).toBe(201);
    const inputs = Array.from({ length: 80 }, (_, i) => ({
      login: body.login,
      password: i === 79 ? body.password : `wrong-guess-${i}`,
    }));
    const res = await batch(Array(80).fill("auth.login"), inputs);
    expect(res.status).toBe(400);
    expect(JSON.stringify(res.answer)).not.toContain("access_token");
    expect(res.setCookies).toEqual([]);
  });

  test("operations that must be sent alone are refused in a batch of two, with a clear problem", async () => {
    const body = newUser({}, "pair");
    expect((await rest(server)("POST", "/auth/register", { body })).status).toBe(201);
    const credentials = { login: body.login, password: body.password };
    const res = await batch(["auth.login", "auth.login"], [credentials, credentials]);
    expect(res.status).toBe(400);
    const items = res.answer as BatchItem[];
    expect(items).toHaveLength(2);
    for (const item of items)
      expect(item.error?.data).toMatchObject({ httpStatus: 400, problem: "batch_refused" });
    expect(res.setCookies).toEqual([]);

    const logouts = await batch(["auth.logout", "auth.logout"], [{}, {}]);
    expect(logouts.status).toBe(400);
    expect(logouts.setCookies).toEqual([]);

    // A batch of one is a call alone.
    const one = await batch(["auth.login"], [credentials]);
    expect(one.status).toBe(200);
  });

  test("a single logout clears the session cookie exactly once", async () => {
    const res = await fetch(`${server.baseUrl}/trpc/auth.logout`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: "{}",
    });
    expect(res.status).toBe(200);
    expect(res.headers.getSetCookie().filter((line) => /refresh=/.test(line))).toHaveLength(1);
  });

  test("a batch holds at most ten calls", async () => {
    const reg = await rest(server)<AuthResult>("POST", "/auth/register", { body: newUser() });
    const token = reg.body.token.access_token;
    const ten = await batch(Array(10).fill("me.get"), Array(10).fill({}), {
      method: "GET",
      token,
    });
    expect(ten.status).toBe(200);
    const eleven = await batch(Array(11).fill("me.get"), Array(11).fill({}), {
      method: "GET",
      token,
    });
    expect(eleven.status).toBe(400);
    const thousand = await batch(Array(1000).fill("me.get"), [], { token });
    expect(thousand.status).toBe(400);
    expect(JSON.stringify(thousand.answer)).toContain("batch_refused");
  });
});
