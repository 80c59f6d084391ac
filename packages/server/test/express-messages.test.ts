import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";

import express from "express";
import { afterEach, expect, test } from "vitest";

import { messageClassesFor } from "../src/http/express-messages.ts";

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
