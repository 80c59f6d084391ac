import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";

import express from "express";
import { afterEach, describe, expect, test } from "vitest";

import { loadConfig } from "../src/config.ts";
import { messageClassesFor } from "../src/http/express-messages.ts";
import { createHttpServer } from "../src/http/server.ts";

let server: Server | undefined;
afterEach(() => server?.close());

async function serve(
  listener: Parameters<typeof createServer>[1],
  options: Parameters<typeof createServer>[0] = {},
) {
  server = createServer(options, listener);
  await new Promise<void>((resolve) => server!.listen(0, "127.0.0.1", resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

test("express keeps the prototypes of messages built from the app's classes, and works as usual", async () => {
  const app = express();
  const classes = messageClassesFor(app);
  const seen: Array<Record<string, unknown>> = [];
  app.get("/echo", (req, res) => {
    seen.push({
      request: Object.getPrototypeOf(req) === classes.IncomingMessage.prototype,
      response: Object.getPrototypeOf(res) === classes.ServerResponse.prototype,
      app: req.app === app,
      query: req.query.word,
    });
    res.status(201).json({ ok: true });
  });
  const base = await serve(app, classes);
  const res = await fetch(`${base}/echo?word=hello`);
  expect(res.status).toBe(201);
  expect(res.headers.get("content-type")).toBe("application/json; charset=utf-8");
  expect(await res.json()).toEqual({ ok: true });
  expect(seen).toEqual([{ request: true, response: true, app: true, query: "hello" }]);
});

test("another app on the same server still gets its own prototypes", async () => {
  const api = express();
  const site = express();
  site.get("/page", (req, res) => {
    res.json({ app: req.app === site, sitePrototype: Object.getPrototypeOf(req) === site.request });
  });
  const base = await serve(site, messageClassesFor(api));
  expect(await (await fetch(`${base}/page`)).json()).toEqual({ app: true, sitePrototype: true });
});

test("express sets the app's request and response prototypes as they are when a request comes", async () => {
  // What messageClassesFor relies on: express reads `app.request` and `app.response` per
  // request, so prototypes swapped in after the app was made are the ones messages get.
  const app = express();
  const request = Object.create(app.request) as typeof app.request;
  const response = Object.create(app.response) as typeof app.response;
  app.request = request;
  app.response = response;
  const seen: boolean[] = [];
  app.get("/", (req, res) => {
    seen.push(Object.getPrototypeOf(req) === request, Object.getPrototypeOf(res) === response);
    res.end();
  });
  const base = await serve(app);
  await (await fetch(base)).arrayBuffer();
  expect(seen).toEqual([true, true]);
});

describe("the server with FAST_EXPRESS_MESSAGES", () => {
  /** The class node:http built a REST request from, as the REST app sees it. */
  async function restRequestClass(fast: string): Promise<unknown> {
    const config = loadConfig({ NODE_ENV: "test", FAST_EXPRESS_MESSAGES: fast });
    const api = express();
    api.get("/rest/v1/probe", (req, res) => {
      res.json({ class: (req.constructor as { name: string }).name });
    });
    server = createHttpServer(config, {
      trpc: (_req, res) => res.end(),
      api,
      legacy: express(),
      site: express(),
    });
    await new Promise<void>((resolve) => server!.listen(0, "127.0.0.1", resolve));
    const port = (server.address() as AddressInfo).port;
    const res = await fetch(`http://127.0.0.1:${port}/rest/v1/probe`);
    expect(res.status).toBe(200);
    return ((await res.json()) as { class: unknown }).class;
  }

  test("on: node:http builds REST messages from the app's classes", async () => {
    expect(await restRequestClass("true")).toBe("AppRequest");
  });

  test("off: plain node:http messages, which express reshapes as usual", async () => {
    expect(await restRequestClass("false")).toBe("IncomingMessage");
  });
});
