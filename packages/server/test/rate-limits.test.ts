import { afterAll, beforeAll, describe, expect, test } from "vitest";

import { newUser, rest, startTestServer, type TestServer } from "./helpers.ts";
import { surfaces, type Surface } from "./surfaces.ts";

const from = (ip: string) => ({ headers: { "x-forwarded-for": ip } });

describe.each(surfaces)("brute-force protection over %s", (_name, makeSurface) => {
  let server: TestServer;
  let api: Surface;

  beforeAll(async () => {
    server = await startTestServer({
      TRUST_PROXY: "1",
      LOGIN_FREE_ATTEMPTS: "2",
      LOGIN_FAILS_PER_ACCOUNT_PER_HOUR: "6",
      LOGIN_ACCOUNT_MAX_DELAY_MS: "600",
      LOGIN_FAILS_PER_IP_PER_DAY: "8",
      REGISTRATIONS_PER_IP_PER_HOUR: "3",
    });
    api = makeSurface(server);
  });
  afterAll(() => server.close());

  async function signUp(ip: string) {
    const body = newUser();
    const res = await api.call("auth", "register", body, from(ip));
    expect(res.ok).toBe(true);
    return body;
  }

  test("failures from one address lock that address out of the account, with a growing delay", async () => {
    const u = await signUp("10.0.0.1");
    const wrong = { login: u.login, password: "wrong-guess-000" };
    for (let i = 0; i < 3; i++) {
      const res = await api.call("auth", "login", wrong, from("10.0.0.2"));
      expect(res).toMatchObject({ ok: false, status: 401, code: "invalid_credentials" });
    }
    const locked = await api.call(
      "auth",
      "login",
      { login: u.login, password: u.password },
      from("10.0.0.2"),
    );
    expect(locked).toMatchObject({ ok: false, status: 429, code: "rate_limited" });
    if (!locked.ok) expect(locked.retryAfter).toBeGreaterThanOrEqual(1);

    // The real user, from their own address, is not locked out by someone else's guessing.
    const owner = await api.call(
      "auth",
      "login",
      { login: u.login, password: u.password },
      from("10.0.0.3"),
    );
    expect(owner.ok).toBe(true);

    await new Promise((resolve) => setTimeout(resolve, 1100));
    const after = await api.call(
      "auth",
      "login",
      { login: u.login, password: u.password },
      from("10.0.0.2"),
    );
    expect(after.ok).toBe(true);
  });

  test("a successful sign-in forgets that address's earlier failures on the account", async () => {
    const u = await signUp("10.0.7.1");
    const wrong = { login: u.login, password: "wrong-guess-000" };
    const right = { login: u.login, password: u.password };
    for (const attempt of [wrong, wrong, right, wrong, wrong]) {
      const res = await api.call("auth", "login", attempt, from("10.0.7.2"));
      expect(res.ok).toBe(attempt === right);
      if (!res.ok) expect(res).toMatchObject({ status: 401 });
    }
    // Four failures in all, but never more than the two free ones since the last success.
    const again = await api.call("auth", "login", right, from("10.0.7.2"));
    expect(again.ok).toBe(true);
  });

  test("guessing one account from many addresses slows its sign-ins down, never locks it", async () => {
    // Signed up elsewhere: this surface's cookie jar holds no device cookie of the account.
    const u = newUser();
    const registered = await rest(server)("POST", "/auth/register", {
      body: u,
      headers: { "x-forwarded-for": "10.0.1.1" },
    });
    expect(registered.status).toBe(201);
    for (let i = 0; i < 8; i++) {
      const res = await api.call(
        "auth",
        "login",
        { login: u.login, password: `guess-${i}-wrong` },
        from(`10.0.2.${i}`),
      );
      expect(res).toMatchObject({ status: 401 });
    }
    // Eight failures, six allowed: the next attempt waits 250 ms, then 500 ms.
    const started = performance.now();
    const owner = await api.call(
      "auth",
      "login",
      { login: u.login, password: u.password },
      from("10.0.2.200"),
    );
    expect(owner.ok).toBe(true);
    expect(performance.now() - started).toBeGreaterThanOrEqual(450);
  });

  test("one address guessing many accounts is stopped", async () => {
    const victim = await signUp("10.0.3.1");
    for (let i = 0; i < 8; i++) {
      await api.call(
        "auth",
        "login",
        { login: `someone_${i}_x`, password: "wrong-guess-123" },
        from("10.0.4.1"),
      );
    }
    const res = await api.call(
      "auth",
      "login",
      { login: victim.login, password: victim.password },
      from("10.0.4.1"),
    );
    expect(res).toMatchObject({ ok: false, status: 429, code: "rate_limited" });
  });

  test("sign-ups are limited per address", async () => {
    for (let i = 0; i < 3; i++) await signUp("10.0.5.1");
    const res = await api.call("auth", "register", newUser(), from("10.0.5.1"));
    expect(res).toMatchObject({ ok: false, status: 429, code: "rate_limited" });
    if (!res.ok) expect(res.retryAfter).toBeGreaterThan(0);
    expect((await api.call("auth", "register", newUser(), from("10.0.5.2"))).ok).toBe(true);
  });
});
