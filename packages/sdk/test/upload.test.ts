import { afterAll, beforeAll, describe, expect, expectTypeOf, test } from "vitest";

import {
  createClient,
  isKabinetError,
  toBase64,
  upload,
  type KabinetClient,
  type UploadOperationName,
} from "../src/index.ts";
import { newUser, startTestServer, type TestServer } from "./helpers.ts";

/** A 1×1 PNG. */
const PNG = Buffer.from(
  "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYII=",
  "base64",
);

let server: TestServer;
let client: KabinetClient;
let userId: number;

beforeAll(async () => {
  server = await startTestServer();
  client = createClient({ baseUrl: server.baseUrl });
  userId = (await client.auth.register(newUser())).user.id;
});
afterAll(() => server.close());

describe("upload", () => {
  test("names exactly the operations that take a file", () => {
    expectTypeOf<UploadOperationName>().toEqualTypeOf<
      "me.setAvatar" | "users.setAvatar" | "confirmations.submit"
    >();
  });

  test("a Blob (a browser File is one) as a student-card scan", async () => {
    const status = await upload(
      client,
      "confirmations.submit",
      new Blob([PNG], { type: "image/png" }),
    );
    expect(status).toMatchObject({ status: "pending", confirmed: false });
  });

  test("a Buffer as my avatar, a Uint8Array as a user's avatar (with the path parameter)", async () => {
    const me = await upload(client, "me.setAvatar", PNG);
    expect(me.avatar).toMatch(/^\/media\/.+\.webp$/);
    const user = await upload(client, "users.setAvatar", new Uint8Array(PNG), { id: userId });
    expect(user.id).toBe(userId);
    const image = await fetch(`${server.baseUrl}${user.avatar!}`);
    expect(image.headers.get("content-type")).toBe("image/webp");
  });

  test("a file that is not an image is the server's validation problem", async () => {
    const error: unknown = await upload(
      client,
      "me.setAvatar",
      Buffer.from("not an image, really"),
    ).catch((e: unknown) => e);
    expect(isKabinetError(error, "validation_failed")).toBe(true);
  });

  test("a file over 5 MiB is refused before anything is sent", async () => {
    await expect(
      upload(client, "me.setAvatar", new Uint8Array(5 * 1024 * 1024 + 1)),
    ).rejects.toThrow(RangeError);
  });

  test("base64 of large files, in slices", () => {
    const bytes = new Uint8Array(200_000).map((_, i) => i % 251);
    expect(toBase64(bytes)).toBe(Buffer.from(bytes).toString("base64"));
  });
});
