import { afterAll, beforeAll, describe, expect, test } from "vitest";

import { eq, schema } from "@kabinet/db";

import { expireConfirmations } from "../src/domain/confirmations/service.ts";
import { newUser, sendStream, startTestServer, trpc, type TestServer } from "./helpers.ts";
import { gifBomb, noisePng, sampleImage, zeroPng } from "./image-fixtures.ts";
import { expectOk, expectProblem, fields, surfaces, type Surface } from "./surfaces.ts";

const base64 = (bytes: Buffer) => bytes.toString("base64");

/** Tomorrow as `MM-DD` (UTC): approvals made today then hold until tomorrow's midnight. */
function tomorrow(): string {
  const day = new Date(Date.now() + 86_400_000);
  return `${String(day.getUTCMonth() + 1).padStart(2, "0")}-${String(day.getUTCDate()).padStart(2, "0")}`;
}

async function media(server: TestServer, url: string, headers: Record<string, string> = {}) {
  const res = await fetch(`${server.baseUrl}${url}`, { headers });
  return { status: res.status, headers: res.headers, bytes: Buffer.from(await res.arrayBuffer()) };
}

const bearer = (token: string) => ({ authorization: `Bearer ${token}` });

describe.each(surfaces)("media and confirmation over %s", (_name, makeSurface) => {
  let server: TestServer;
  let api: Surface;
  let reviewer: { id: number; token: string };
  let admin: { id: number; token: string };
  let anna: { id: number; token: string };
  let boris: { id: number; token: string };
  let png: Buffer;

  async function signUp(prefix: string) {
    const reg = expectOk(await api.call("auth", "register", newUser({}, prefix)));
    return { id: reg.user.id, token: reg.token.access_token };
  }

  beforeAll(async () => {
    server = await startTestServer({ CONFIRMATION_EXPIRES_ON: tomorrow() });
    api = makeSurface(server);
    reviewer = await signUp("owner"); // the first account: the super, who holds every permission
    anna = await signUp("anna");
    boris = await signUp("boris");
    png = await sampleImage("png");
    // A second reviewer: an admin, who holds confirmations:review by role.
    const credentials = newUser({ role: "admin" }, "admin");
    const created = expectOk(
      await api.call("users", "create", credentials, { token: reviewer.token }),
    );
    const signedIn = expectOk(
      await api.call("auth", "login", {
        login: credentials.login,
        password: credentials.password,
      }),
    );
    admin = { id: created.user.id, token: signedIn.token.access_token };
  });
  afterAll(() => server.close());

  describe("avatars", () => {
    test("an upload is re-encoded to WebP and served publicly, immutable, with an ETag", async () => {
      const user = expectOk(
        await api.call("me", "setAvatar", { image: base64(png) }, { token: anna.token }),
      );
      expect(user.avatar).toMatch(/^\/media\/[0-9a-f-]{36}\.webp$/);
      const served = await media(server, user.avatar!);
      expect(served.status).toBe(200);
      expect(served.headers.get("content-type")).toBe("image/webp");
      expect(served.headers.get("cache-control")).toBe("public, max-age=31536000, immutable");
      expect(served.bytes.subarray(8, 12).toString("ascii")).toBe("WEBP");
      const etag = served.headers.get("etag")!;
      expect(etag).toMatch(/^"[0-9a-f-]{36}"$/);
      // The same image without the extension, and revalidation.
      expect((await media(server, user.avatar!.replace(".webp", ""))).status).toBe(200);
      const again = await media(server, user.avatar!, { "if-none-match": etag });
      expect(again.status).toBe(304);
    });

    test.each([
      ["a text file", Buffer.from("this is not an image, it only says so".repeat(4))],
      ["an SVG", Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"><script/></svg>')],
    ])("%s is refused by its content (400)", async (_what, bytes) => {
      const outcome = await api.call(
        "me",
        "setAvatar",
        { image: base64(bytes) },
        {
          token: anna.token,
        },
      );
      expectProblem(outcome, 400, "validation_failed");
      expect(fields(outcome)).toContain("image");
    });

    test.each([
      ["a PNG declaring 100000×100000 pixels", () => zeroPng(100_000, 100_000, 1)],
      ["a PNG decompression bomb (8000×8000 of zeros)", () => zeroPng(8000, 8000)],
      ["a GIF bomb (65535×65535)", gifBomb],
    ])("%s is refused before decoding (400)", async (_what, make) => {
      const bytes = make();
      expect(bytes.length).toBeLessThan(1024 * 1024);
      const outcome = await api.call(
        "me",
        "setAvatar",
        { image: base64(bytes) },
        { token: anna.token },
      );
      expectProblem(outcome, 400, "validation_failed");
      // Refused for its size, read from the header: never decoded.
      expect(outcome.ok ? [] : outcome.errors).toEqual([
        expect.objectContaining({
          field: "image",
          message: "The image is too large: at most 40 million pixels",
        }),
      ]);
    });

    test("a file over the general 1 MiB body limit, within 5 MiB, is taken", async () => {
      const large = await noisePng(1000);
      expect(large.length).toBeGreaterThan(2 * 1024 * 1024);
      expect(large.length).toBeLessThan(5 * 1024 * 1024);
      expectOk(await api.call("me", "setAvatar", { image: base64(large) }, { token: anna.token }));
    });

    test("each of PNG, JPEG, WebP and GIF is taken", async () => {
      for (const format of ["jpeg", "webp", "gif"] as const) {
        const image = await sampleImage(format);
        expectOk(
          await api.call("me", "setAvatar", { image: base64(image) }, { token: boris.token }),
        );
      }
    });
  });

  describe("student-card confirmation", () => {
    let annaScan: string;

    test("nothing sent yet: none", async () => {
      const mine = expectOk(await api.call("confirmations", "mine", {}, { token: anna.token }));
      expect(mine).toMatchObject({ status: "none", confirmed: false });
    });

    test("a scan is pending, and private to its owner and reviewers", async () => {
      const sent = expectOk(
        await api.call("confirmations", "submit", { image: base64(png) }, { token: anna.token }),
      );
      expect(sent).toMatchObject({ status: "pending", confirmed: false, reason: null });
      expectOk(
        await api.call("confirmations", "submit", { image: base64(png) }, { token: boris.token }),
      );
      const queue = expectOk(
        await api.call("confirmations", "queue", { limit: 1 }, { token: reviewer.token }),
      );
      // Oldest first, one per page.
      expect(queue.items.map((i) => i.user.id)).toEqual([anna.id]);
      expect(queue.next_cursor).toEqual(expect.any(String));
      const next = expectOk(
        await api.call(
          "confirmations",
          "queue",
          { limit: 1, cursor: queue.next_cursor },
          { token: reviewer.token },
        ),
      );
      expect(next.items.map((i) => i.user.id)).toEqual([boris.id]);
      annaScan = queue.items[0]!.scan_url;
      expect(annaScan).toMatch(/^\/media\/[0-9a-f-]{36}$/);

      const own = await media(server, annaScan, bearer(anna.token));
      expect(own.status).toBe(200);
      expect(own.headers.get("content-type")).toBe("image/webp");
      expect(own.headers.get("cache-control")).toBe("private, no-store");
      expect(own.headers.get("etag")).toBeNull();
      expect((await media(server, annaScan, bearer(reviewer.token))).status).toBe(200);
      // Anyone else: the 404 of an image that does not exist.
      for (const headers of [{}, bearer(boris.token), bearer("not-a-token")]) {
        const other = await media(server, annaScan, headers);
        expect(other.status).toBe(404);
        expect(other.headers.get("content-type")).toMatch(/^application\/problem\+json/);
      }
    });

    test("the owner's web session cookie opens the scan too", async () => {
      // The web app signs in over tRPC; its refresh token lives in an httpOnly cookie.
      const { client, jar } = trpc(server);
      const credentials = newUser({}, "carol");
      const { token } = await client.auth.register.mutate(credentials);
      expectOk(
        await api.call(
          "confirmations",
          "submit",
          { image: base64(png) },
          { token: token.access_token },
        ),
      );
      const queue = expectOk(
        await api.call("confirmations", "queue", { limit: 100 }, { token: reviewer.token }),
      );
      const carol = queue.items.find((i) => i.user.login === credentials.login)!;
      const cookie = [...jar].map(([k, v]) => `${k}=${v}`).join("; ");
      expect(cookie).toContain("kabinet_refresh=");
      expect((await media(server, carol.scan_url, { cookie })).status).toBe(200);
      expect((await media(server, carol.scan_url)).status).toBe(404);
    });

    test("without the permission: no queue, no decisions", async () => {
      expectProblem(
        await api.call("confirmations", "queue", {}, { token: boris.token }),
        403,
        "forbidden",
      );
      const queue = expectOk(
        await api.call("confirmations", "queue", {}, { token: reviewer.token }),
      );
      const id = queue.items[0]!.id;
      expectProblem(
        await api.call("confirmations", "approve", { id }, { token: boris.token }),
        403,
        "forbidden",
      );
      expectProblem(
        await api.call("confirmations", "reject", { id, reason: "no" }, { token: anna.token }),
        403,
        "forbidden",
      );
    });

    test("a reviewer may not decide their own request", async () => {
      expectOk(
        await api.call(
          "confirmations",
          "submit",
          { image: base64(png) },
          { token: reviewer.token },
        ),
      );
      const queue = expectOk(
        await api.call("confirmations", "queue", { limit: 100 }, { token: reviewer.token }),
      );
      const own = queue.items.find((i) => i.user.id === reviewer.id)!;
      expectProblem(
        await api.call("confirmations", "approve", { id: own.id }, { token: reviewer.token }),
        403,
        "forbidden",
      );
    });

    test("approval: exactly once, the scan deleted, confirmed until the expiry date", async () => {
      const queue = expectOk(
        await api.call("confirmations", "queue", { limit: 100 }, { token: reviewer.token }),
      );
      const item = queue.items.find((i) => i.user.id === anna.id)!;
      // Two reviewers approve at once: one decision, the other is told it is taken.
      const outcomes = await Promise.all([
        api.call("confirmations", "approve", { id: item.id }, { token: reviewer.token }),
        api.call("confirmations", "approve", { id: item.id }, { token: admin.token }),
      ]);
      expect(outcomes.filter((o) => o.ok)).toHaveLength(1);
      expectProblem(
        outcomes.find((o) => !o.ok)!,
        409,
        "confirmation_decided",
      );
      const decision = expectOk(outcomes.find((o) => o.ok)!);
      expect(decision).toMatchObject({ status: "approved", user_id: anna.id, reason: null });
      expect([reviewer.id, admin.id]).toContain(decision.decided_by);
      const until = new Date(decision.confirmed_until!);
      expect(until.toISOString().slice(5, 10)).toBe(tomorrow());
      expect(until.getUTCHours()).toBe(0);

      // The scan is gone from the database, bytes and all; only the decision remains.
      const scanId = item.scan_url.slice("/media/".length);
      const rows = await server.database.db
        .select({ id: schema.media.id })
        .from(schema.media)
        .where(eq(schema.media.id, scanId));
      expect(rows).toEqual([]);
      expect((await media(server, item.scan_url, bearer(anna.token))).status).toBe(404);
      const [request] = await server.database.db
        .select()
        .from(schema.studentConfirmations)
        .where(eq(schema.studentConfirmations.id, item.id));
      expect(request).toMatchObject({
        status: "approved",
        scanId: null,
        decidedBy: decision.decided_by,
      });

      const me = expectOk(await api.call("me", "get", {}, { token: anna.token }));
      expect(me.confirmed).toBe(true);
      const mine = expectOk(await api.call("confirmations", "mine", {}, { token: anna.token }));
      expect(mine).toMatchObject({
        status: "approved",
        confirmed: true,
        confirmed_until: until.toISOString(),
      });

      // Decided requests leave the queue; the decision is in the audit log.
      const after = expectOk(
        await api.call("confirmations", "queue", { limit: 100 }, { token: reviewer.token }),
      );
      expect(after.items.map((i) => i.id)).not.toContain(item.id);
      const log = await server.database.db
        .select()
        .from(schema.auditLog)
        .where(eq(schema.auditLog.action, "confirmation.approved"));
      expect(
        log.filter((e) => e.userId === anna.id && e.actorId === decision.decided_by),
      ).toHaveLength(1);

      // The academic year ends: the flag is cleared and reads false.
      await expireConfirmations(server.app.services, new Date(until.getTime() - 1000));
      expect(expectOk(await api.call("me", "get", {}, { token: anna.token })).confirmed).toBe(true);
      expect(await expireConfirmations(server.app.services, until)).toBe(1);
      expect(expectOk(await api.call("me", "get", {}, { token: anna.token })).confirmed).toBe(
        false,
      );
      const expired = expectOk(await api.call("confirmations", "mine", {}, { token: anna.token }));
      expect(expired).toMatchObject({ status: "expired", confirmed: false });
    });

    test("rejection: the reason is shown, the scan deleted", async () => {
      const queue = expectOk(
        await api.call("confirmations", "queue", { limit: 100 }, { token: reviewer.token }),
      );
      const item = queue.items.find((i) => i.user.id === boris.id)!;
      const decision = expectOk(
        await api.call(
          "confirmations",
          "reject",
          { id: item.id, reason: "The card is not legible" },
          { token: reviewer.token },
        ),
      );
      expect(decision).toMatchObject({ status: "rejected", confirmed_until: null });
      expect((await media(server, item.scan_url, bearer(reviewer.token))).status).toBe(404);
      const mine = expectOk(await api.call("confirmations", "mine", {}, { token: boris.token }));
      expect(mine).toMatchObject({
        status: "rejected",
        confirmed: false,
        reason: "The card is not legible",
      });
      expectProblem(
        await api.call("confirmations", "approve", { id: item.id }, { token: reviewer.token }),
        409,
        "confirmation_decided",
      );
      expectProblem(
        await api.call("confirmations", "approve", { id: 2_000_000 }, { token: reviewer.token }),
        404,
        "confirmation_not_found",
      );
    });

    test("removing an account deletes its pending scan", async () => {
      const erin = await signUp("erin");
      expectOk(
        await api.call("confirmations", "submit", { image: base64(png) }, { token: erin.token }),
      );
      expectOk(await api.call("users", "remove", { id: erin.id }, { token: admin.token }));
      const left = await server.database.db
        .select({ id: schema.media.id })
        .from(schema.media)
        .where(eq(schema.media.ownerId, erin.id));
      expect(left).toEqual([]);
      const queue = expectOk(
        await api.call("confirmations", "queue", { limit: 100 }, { token: reviewer.token }),
      );
      expect(queue.items.map((i) => i.user.id)).not.toContain(erin.id);
    });

    test("a new scan replaces a pending one and ends a current confirmation", async () => {
      const dana = await signUp("dana");
      expectOk(
        await api.call("confirmations", "submit", { image: base64(png) }, { token: dana.token }),
      );
      expectOk(
        await api.call("confirmations", "submit", { image: base64(png) }, { token: dana.token }),
      );
      const rows = await server.database.db
        .select()
        .from(schema.studentConfirmations)
        .where(eq(schema.studentConfirmations.userId, dana.id));
      expect(rows).toHaveLength(1);
      const scans = await server.database.db
        .select({ id: schema.media.id })
        .from(schema.media)
        .where(eq(schema.media.ownerId, dana.id));
      expect(scans).toHaveLength(1);
      expectOk(
        await api.call("confirmations", "approve", { id: rows[0]!.id }, { token: reviewer.token }),
      );
      expect(expectOk(await api.call("me", "get", {}, { token: dana.token })).confirmed).toBe(true);
      expectOk(
        await api.call("confirmations", "submit", { image: base64(png) }, { token: dana.token }),
      );
      expect(expectOk(await api.call("me", "get", {}, { token: dana.token })).confirmed).toBe(
        false,
      );
    });
  });
});

describe("uploads over REST: multipart and limits", () => {
  let server: TestServer;
  let token: string;
  let userId: number;
  let png: Buffer;

  beforeAll(async () => {
    // Low enough for the last test to reach; the tests before it upload four files.
    server = await startTestServer({ UPLOADS_PER_USER_PER_HOUR: "5" });
    const api = surfaces[0][1](server);
    const reg = expectOk(await api.call("auth", "register", newUser({}, "owner")));
    token = reg.token.access_token;
    userId = reg.user.id;
    png = await sampleImage("png");
  });
  afterAll(() => server.close());

  function form(bytes: Buffer, filename = "card.png", type = "image/png", field = "image") {
    const data = new FormData();
    data.append(field, new Blob([bytes], { type }), filename);
    return data;
  }

  const put = (path: string, body: FormData | string, headers: Record<string, string> = {}) =>
    fetch(`${server.baseUrl}/rest/v1${path}`, {
      method: "PUT",
      headers: { ...bearer(token), ...headers },
      body,
    });

  test.each([
    ["/me/avatar", 200],
    [`/users/:id/avatar`, 200],
    ["/me/confirmation", 201],
  ])("PUT %s takes multipart/form-data", async (path, status) => {
    const res = await put(path.replace(":id", String(userId)), form(png));
    expect(res.status).toBe(status);
  });

  test("a multipart file that is not an image, named .png, is 400", async () => {
    const res = await put("/me/avatar", form(Buffer.from("%PDF-1.7 not an image at all")));
    expect(res.status).toBe(400);
    const problem = (await res.json()) as { code: string; errors: Array<{ field: string }> };
    expect(problem.code).toBe("validation_failed");
    expect(problem.errors.map((e) => e.field)).toContain("image");
  });

  test("a file in another part is 400, a form without the file names the field", async () => {
    expect((await put("/me/avatar", form(png, "a.png", "image/png", "photo"))).status).toBe(400);
    const empty = new FormData();
    empty.append("note", "hello");
    const res = await put("/me/avatar", empty);
    expect(res.status).toBe(400);
    expect(((await res.json()) as { errors: Array<{ field: string }> }).errors[0]!.field).toMatch(
      /image/,
    );
  });

  test("another content type is 415; multipart where no file is taken is 415", async () => {
    const text = await put("/me/avatar", "just text", { "content-type": "text/plain" });
    expect(text.status).toBe(415);
    expect(text.headers.get("content-type")).toMatch(/^application\/problem\+json/);
    const res = await fetch(`${server.baseUrl}/rest/v1/me`, {
      method: "PATCH",
      headers: bearer(token),
      body: form(png),
    });
    expect(res.status).toBe(415);
  });

  test("a declared length over 8 MiB is 413 before the body is read", async () => {
    const answer = await sendStream(server, {
      path: "/rest/v1/me/avatar",
      headers: {
        ...bearer(token),
        "content-type": "application/json",
        "content-length": String(9 * 1024 * 1024),
      },
      chunk: Buffer.alloc(64 * 1024, 0x20),
      total: 9 * 1024 * 1024,
    });
    expect(answer.status).toBe(413);
    expect(JSON.parse(answer.body)).toMatchObject({ code: "payload_too_large" });
    expect(answer.sent).toBeLessThan(9 * 1024 * 1024);
  });

  test("a chunked multipart stream past 5 MiB is 413 before it ends", async () => {
    const boundary = "kabinet-test-boundary";
    const head = Buffer.from(
      `--${boundary}\r\nContent-Disposition: form-data; name="image"; filename="big.png"\r\nContent-Type: image/png\r\n\r\n`,
    );
    const total = 64 * 1024 * 1024;
    const answer = await sendStream(server, {
      path: "/rest/v1/me/confirmation",
      headers: {
        ...bearer(token),
        "content-type": `multipart/form-data; boundary=${boundary}`,
        "transfer-encoding": "chunked",
      },
      chunk: Buffer.concat([head, Buffer.alloc(256 * 1024 - head.length, 0x41)]),
      total,
    });
    expect(answer.status).toBe(413);
    expect(answer.sent).toBeLessThan(total);
  });

  test("a JSON body over 8 MiB sent chunked is 413", async () => {
    const answer = await sendStream(server, {
      path: "/rest/v1/me/avatar",
      headers: {
        ...bearer(token),
        "content-type": "application/json",
        "transfer-encoding": "chunked",
      },
      chunk: Buffer.alloc(256 * 1024, 0x41),
      total: 32 * 1024 * 1024,
    });
    expect(answer.status).toBe(413);
  });

  test("other operations keep the 1 MiB limit", async () => {
    const res = await fetch(`${server.baseUrl}/rest/v1/me`, {
      method: "PATCH",
      headers: { ...bearer(token), "content-type": "application/json" },
      body: JSON.stringify({ bio: "x".repeat(2 * 1024 * 1024) }),
    });
    expect(res.status).toBe(413);
  });

  test("unknown media are a JSON 404 problem", async () => {
    for (const path of [
      "/media/00000000-0000-4000-8000-000000000000",
      "/media/00000000-0000-4000-8000-000000000000.webp",
      "/media/not-an-id.png",
      "/media/a/b",
    ]) {
      const res = await media(server, path);
      expect(res.status, path).toBe(404);
      expect(res.headers.get("content-type")).toMatch(/^application\/problem\+json/);
    }
  });

  test("OpenAPI documents both request types of an upload", async () => {
    const doc = (await (await fetch(`${server.baseUrl}/rest/v1/openapi.json`)).json()) as {
      paths: Record<string, Record<string, { requestBody?: { content: Record<string, unknown> } }>>;
    };
    for (const path of [
      "/rest/v1/me/avatar",
      "/rest/v1/me/confirmation",
      "/rest/v1/users/{id}/avatar",
    ])
      expect(Object.keys(doc.paths[path]!.put!.requestBody!.content)).toEqual([
        "application/json",
        "multipart/form-data",
      ]);
    expect(Object.keys(doc.paths["/rest/v1/me"]!.patch!.requestBody!.content)).toEqual([
      "application/json",
    ]);
  });

  test("each person uploads at most UPLOADS_PER_USER_PER_HOUR files an hour", async () => {
    expect((await put("/me/avatar", form(png))).status).toBe(200);
    const refused = await put("/me/avatar", form(png));
    expect(refused.status).toBe(429);
    expect(Number(refused.headers.get("retry-after"))).toBeGreaterThan(0);
  });
});
