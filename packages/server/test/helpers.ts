import { request } from "node:http";

import { createTRPCClient, httpLink } from "@trpc/client";

import type { AppRouter } from "@kabinet/contracts";
import { eq, schema, sql } from "@kabinet/db";

import { hashSecret } from "../src/infra/tokens.ts";
import { newUser, startTestServer, type TestServer } from "../src/testing.ts";

export { newUser, startTestServer, type TestServer };

export interface RestResponse<T = unknown> {
  status: number;
  headers: Headers;
  body: T;
}

/** A tiny REST caller for tests: JSON in, JSON (or problem) out. */
export function rest(server: TestServer) {
  return async function call<T = unknown>(
    method: string,
    path: string,
    options: {
      body?: unknown;
      token?: string;
      headers?: Record<string, string>;
      raw?: string;
    } = {},
  ): Promise<RestResponse<T>> {
    const headers: Record<string, string> = { ...options.headers };
    if (options.token) headers.authorization = `Bearer ${options.token}`;
    let body: string | undefined = options.raw;
    if (options.body !== undefined) {
      headers["content-type"] ??= "application/json";
      body = JSON.stringify(options.body);
    }
    const res = await fetch(`${server.baseUrl}/rest/v1${path}`, { method, headers, body });
    const text = await res.text();
    return { status: res.status, headers: res.headers, body: text ? JSON.parse(text) : undefined };
  };
}

/** A tRPC client for tests; a token getter and a cookie jar make it behave like the web app. */
export function trpc(
  server: TestServer,
  getToken: () => string | undefined = () => undefined,
  getHeaders: () => Record<string, string> = () => ({}),
) {
  const jar = new Map<string, string>();
  const client = createTRPCClient<AppRouter>({
    links: [
      httpLink({
        url: `${server.baseUrl}/trpc`,
        headers: () => {
          const token = getToken();
          const cookie = [...jar].map(([k, v]) => `${k}=${v}`).join("; ");
          return {
            ...getHeaders(),
            ...(token ? { authorization: `Bearer ${token}` } : {}),
            ...(cookie ? { cookie } : {}),
          };
        },
        fetch: async (url, init) => {
          const res = await fetch(url, init);
          for (const line of res.headers.getSetCookie()) {
            const [pair] = line.split(";");
            const [k, v] = pair!.split("=");
            if (v) jar.set(k!, v);
            else jar.delete(k!);
          }
          return res;
        },
      }),
    ],
  });
  return { client, jar };
}

/** Moves a QR code's window into the past, so a scan of it is late. */
export async function expireQrCode(server: TestServer, code: string): Promise<void> {
  await server.database.db
    .update(schema.qrCodes)
    .set({
      validFrom: sql`now() - interval '10 minutes'`,
      validUntil: sql`now() - interval '5 minutes'`,
    })
    .where(eq(schema.qrCodes.codeHash, hashSecret(code)));
}

/** Sends a request by hand: headers, then body chunks until the server answers or `total` is sent. */
export function sendStream(
  server: TestServer,
  options: {
    method?: string;
    path: string;
    headers: Record<string, string>;
    chunk: Buffer;
    total: number;
  },
): Promise<{ status: number; sent: number; body: string }> {
  const url = new URL(`${server.baseUrl}${options.path}`);
  return new Promise((resolve, reject) => {
    let sent = 0;
    let answered = false;
    const req = request(
      {
        host: url.hostname,
        port: url.port,
        path: url.pathname,
        method: options.method ?? "PUT",
        headers: options.headers,
      },
      (res) => {
        answered = true;
        let body = "";
        res.setEncoding("utf8");
        res.on("data", (text: string) => (body += text));
        res.on("end", () => resolve({ status: res.statusCode ?? 0, sent, body }));
        res.on("error", () => resolve({ status: res.statusCode ?? 0, sent, body }));
      },
    );
    // Once the server has answered and closed, further writes fail: that is expected.
    req.on("error", (error) => (answered ? undefined : reject(error)));
    const pump = () => {
      while (!answered && sent < options.total) {
        sent += options.chunk.length;
        if (!req.write(options.chunk)) return void req.once("drain", pump);
      }
      if (!answered) req.end();
    };
    pump();
  });
}
