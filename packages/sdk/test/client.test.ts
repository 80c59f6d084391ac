import { afterAll, beforeAll, describe, expect, expectTypeOf, test, vi } from "vitest";

import { listOperations } from "@kabinet/contracts";

import {
  createClient,
  isKabinetError,
  operationNames,
  operations,
  type InputOf,
  type KabinetClient,
  type Operations,
  type OutputOf,
  type Tokens,
  type User,
} from "../src/index.ts";
import { countingFetch, newUser, startTestServer, type TestServer } from "./helpers.ts";

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server.close());

async function signedUp(onTokens?: (tokens: Tokens | null) => void) {
  const input = newUser();
  const client = createClient({ baseUrl: server.baseUrl, ...(onTokens ? { onTokens } : {}) });
  const result = await client.auth.register(input);
  return { client, input, result };
}

describe("derived from the contracts", () => {
  test("one method per operation, nothing else under the groups", () => {
    const expected = listOperations(operations).map(([group, name]) => `${group}.${name}`);
    expect([...operationNames]).toEqual(expected);
    expect(operationNames).toContain("me.revokeSession");

    const client = createClient({ baseUrl: server.baseUrl }) as unknown as Record<
      string,
      Record<string, unknown>
    >;
    for (const name of operationNames) {
      const [group, method] = name.split(".") as [string, string];
      expect(typeof client[group]![method], name).toBe("function");
    }
    for (const group of Object.keys(operations)) {
      expect(Object.keys(client[group]!).sort()).toEqual(
        Object.keys(operations[group as keyof typeof operations]).sort(),
      );
    }
  });

  test("inputs and outputs are the operations' types; a required input cannot be left out", async () => {
    const client = createClient({ baseUrl: server.baseUrl });
    expectTypeOf(client.auth.login)
      .parameter(0)
      .toEqualTypeOf<InputOf<Operations["auth"]["login"]>>();
    expectTypeOf(client.me.revokeSession).returns.resolves.toEqualTypeOf<
      OutputOf<Operations["me"]["revokeSession"]>
    >();
    expectTypeOf(client.me.sessions)
      .parameter(0)
      .toEqualTypeOf<InputOf<Operations["me"]["sessions"]> | undefined>();

    // @ts-expect-error the login input is required
    const error = await client.auth.login().catch((e: unknown) => e);
    // Sent anyway, the server refuses it the same way.
    expect(isKabinetError(error, "validation_failed")).toBe(true);
  });
});

describe("accounts", () => {
  test("register stores the tokens, sends them, and me returns the new account", async () => {
    const onTokens = vi.fn();
    const { client, input, result } = await signedUp(onTokens);
    expect(result.user.login).toBe(input.login);
    expect(result.token.token_type).toBe("Bearer");

    const tokens = {
      accessToken: result.token.access_token,
      refreshToken: result.token.refresh_token,
    };
    expect(client.getTokens()).toEqual(tokens);
    expect(onTokens).toHaveBeenCalledTimes(1);
    expect(onTokens).toHaveBeenLastCalledWith(tokens);

    const me = await client.me.get();
    expectTypeOf(me).toEqualTypeOf<User>();
    expect(me.id).toBe(result.user.id);
    expect(me.email).toBe(input.email);
  });

  test("login by login and by email both sign in as the same account", async () => {
    const { input, result } = await signedUp();
    const byLogin = createClient({ baseUrl: server.baseUrl });
    const byEmail = createClient({ baseUrl: `${server.baseUrl}/rest/v1/` });

    const first = await byLogin.auth.login({ login: input.login, password: input.password });
    await byEmail.auth.login({ email: input.email, password: input.password });
    expect(first.user.id).toBe(result.user.id);
    expect((await byLogin.me.get()).id).toBe(result.user.id);
    expect((await byEmail.me.get()).id).toBe(result.user.id);
    expect(byLogin.getTokens()?.accessToken).not.toBe(byEmail.getTokens()?.accessToken);
  });

  test("an operation needing a user fails with unauthorized when the client holds no tokens", async () => {
    const spy = countingFetch();
    const client = createClient({ baseUrl: server.baseUrl, fetch: spy.fetch });
    const error = await client.me.get().catch((e: unknown) => e);
    expect(isKabinetError(error, "unauthorized")).toBe(true);
    expect(spy.calls).toHaveLength(1);
    expect(spy.calls[0]!.authorization).toBeUndefined();
  });

  test("setTokens hands a session to another client; public operations carry no bearer", async () => {
    const { result } = await signedUp();
    const onTokens = vi.fn();
    const spy = countingFetch();
    const other = createClient({ baseUrl: server.baseUrl, fetch: spy.fetch, onTokens });
    other.setTokens(result.token);
    expect(onTokens).toHaveBeenCalledWith({
      accessToken: result.token.access_token,
      refreshToken: result.token.refresh_token,
    });
    expect((await other.me.get()).id).toBe(result.user.id);
    expect(spy.calls[0]!.authorization).toBe(`Bearer ${result.token.access_token}`);

    await other.auth.loginAvailable({ login: "someone_else" });
    expect(spy.calls[1]!.authorization).toBeUndefined();

    other.setTokens(null);
    expect(other.getTokens()).toBeNull();
    expect(onTokens).toHaveBeenLastCalledWith(null);
  });
});

describe("request building", () => {
  test("a query operation sends its input in the query string, encoded", async () => {
    const { input } = await signedUp();
    const client = createClient({ baseUrl: server.baseUrl });

    const taken = await client.auth.loginAvailable({ login: input.login });
    expect(taken).toEqual({ login: input.login, available: false, message: expect.any(String) });

    const free = await client.auth.loginAvailable({ login: `free_${input.login}` });
    expect(free.available).toBe(true);

    const odd = "a&b=c d#e";
    const echoed = await client.auth.loginAvailable({ login: odd });
    expect(echoed.login).toBe(odd);
    expect(echoed.available).toBe(false);
  });

  test("a path-param operation revokes one session, which then ends for its holder", async () => {
    const { client: phone, input } = await signedUp();
    const onLaptopTokens = vi.fn();
    const laptop = createClient({ baseUrl: server.baseUrl, onTokens: onLaptopTokens });
    await laptop.auth.login({ login: input.login, password: input.password });

    const before = await phone.me.sessions();
    expect(before.items).toHaveLength(2);
    const laptopSession = before.items.find((s) => !s.current)!;
    expect(laptopSession).toBeDefined();

    await expect(phone.me.revokeSession({ id: laptopSession.id })).resolves.toEqual({ ok: true });
    const after = await phone.me.sessions();
    expect(after.items.map((s) => s.id)).not.toContain(laptopSession.id);
    expect(after.items).toHaveLength(1);

    const error = await laptop.me.get().catch((e: unknown) => e);
    expect(isKabinetError(error, "session_revoked")).toBe(true);
    expect(laptop.getTokens()).toBeNull();
    expect(onLaptopTokens).toHaveBeenLastCalledWith(null);

    const again = await phone.me.revokeSession({ id: laptopSession.id }).catch((e: unknown) => e);
    expect(isKabinetError(again, "session_not_found")).toBe(true);
  });

  test("path parameters are URI-encoded, so a slash stays inside the parameter", async () => {
    const { client } = await signedUp();
    const error = await client.me.revokeSession({ id: "not/a-uuid" }).catch((e: unknown) => e);
    // Unencoded, the slash would reach another route and answer not_found.
    expect(isKabinetError(error, "validation_failed")).toBe(true);
    if (!isKabinetError(error)) throw error;
    expect(error.fieldErrors.map((f) => f.field)).toContain("id");
  });

  test("a missing path parameter is refused before any request", async () => {
    const spy = countingFetch();
    const client: KabinetClient = createClient({
      baseUrl: server.baseUrl,
      fetch: spy.fetch,
      accessToken: "x",
    });
    // @ts-expect-error the id is required
    await expect(client.me.revokeSession({})).rejects.toThrow(TypeError);
    expect(spy.calls).toHaveLength(0);
  });

  test("a JSON body operation sends its input as the body", async () => {
    const { client } = await signedUp();
    const updated = await client.me.update({
      display_name: "Аня",
      contacts: { telegram: "@anya" },
    });
    expect(updated.display_name).toBe("Аня");
    expect(updated.contacts.telegram).toBe("@anya");
    expect((await client.me.get()).display_name).toBe("Аня");
  });
});

describe("logout", () => {
  test("logout ends the session on the server and clears the client's tokens", async () => {
    const onTokens = vi.fn();
    const { client, result } = await signedUp(onTokens);
    const spent = result.token.refresh_token;

    await expect(client.auth.logout()).resolves.toEqual({ ok: true });
    expect(client.getTokens()).toBeNull();
    expect(onTokens).toHaveBeenLastCalledWith(null);

    const afterLogout = await client.me.get().catch((e: unknown) => e);
    expect(isKabinetError(afterLogout, "unauthorized")).toBe(true);

    const stale = createClient({
      baseUrl: server.baseUrl,
      accessToken: result.token.access_token,
      refreshToken: spent,
    });
    const refused = await stale.me.get().catch((e: unknown) => e);
    expect(isKabinetError(refused, "session_revoked")).toBe(true);
    expect(stale.getTokens()).toBeNull();
  });

  test("logging out another refresh token leaves the client's own session alone", async () => {
    const { client, input } = await signedUp();
    const other = createClient({ baseUrl: server.baseUrl });
    const second = await other.auth.login({ login: input.login, password: input.password });
    const own = client.getTokens();

    await client.auth.logout({ refresh_token: second.token.refresh_token });
    expect(client.getTokens()).toEqual(own);
    expect((await client.me.sessions()).items).toHaveLength(1);
  });
});
