import { spawn } from "node:child_process";
import { fileURLToPath } from "node:url";

import { afterAll, beforeAll, expect, test } from "vitest";

import { createClient, type KabinetClient } from "../src/index.ts";
import { newUser, startTestServer, type TestServer } from "./helpers.ts";

const example = fileURLToPath(new URL("../examples/terminal.ts", import.meta.url));
const tsx = fileURLToPath(new URL("../node_modules/.bin/tsx", import.meta.url));

/** Runs the terminal example with the given scans on stdin; resolves with its output lines. */
function runTerminal(baseUrl: string, deviceKey: string, scans: string[]): Promise<string[]> {
  return new Promise((resolve, reject) => {
    const child = spawn(tsx, [example], {
      env: { ...process.env, KABINET_URL: baseUrl, KABINET_DEVICE_KEY: deviceKey },
      stdio: ["pipe", "pipe", "pipe"],
    });
    let out = "";
    let err = "";
    child.stdout.on("data", (chunk) => (out += chunk));
    child.stderr.on("data", (chunk) => (err += chunk));
    const guard = setTimeout(() => child.kill(), 30_000);
    child.on("close", (status) => {
      clearTimeout(guard);
      if (status === 0) resolve(out.trim().split("\n"));
      else reject(new Error(`terminal exited ${status}: ${err}`));
    });
    child.stdin.end(scans.join("\n") + "\n");
  });
}

let server: TestServer;
let admin: KabinetClient;
let member: KabinetClient;
let memberId: number;
let device: { id: number; key: string };

beforeAll(async () => {
  server = await startTestServer();
  admin = createClient({ baseUrl: server.baseUrl });
  await admin.auth.register(newUser());
  member = createClient({ baseUrl: server.baseUrl });
  memberId = (await member.auth.register(newUser())).user.id;
  const created = await admin.devices.create({ name: "Laser cutter", slug: "laser-cutter" });
  device = { id: created.device.id, key: created.api_key };
});
afterAll(() => server.close());

test("the terminal example denies, then allows once the member is in the right group", async () => {
  const { code } = await member.me.qr();
  const [denied, unknown] = await runTerminal(server.baseUrl, device.key, [
    code,
    "AAAAAAAAAAAAAAAAAAAAAA",
  ]);
  expect(denied).toMatch(new RegExp(`^DENIED  ${memberId} `));
  expect(unknown).toMatch(/^REFUSED qr_code_unknown /);

  const group = await admin.groups.create({
    name: "Laser trained",
    permissions: ["device:laser-cutter:use"],
  });
  await admin.groups.addMember({ id: group.id, user_id: memberId });
  const [allowed] = await runTerminal(server.baseUrl, device.key, [code]);
  expect(allowed).toMatch(new RegExp(`^ALLOWED ${memberId} `));

  const { items } = await admin.logs.list({ device_id: device.id, order: "asc" });
  const scans = items.filter((e) => e.action.startsWith("qr."));
  expect(scans.map((e) => e.details.result)).toEqual(["denied", "qr_code_unknown", "allowed"]);
}, 60_000);
