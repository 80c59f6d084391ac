import { spawn } from "node:child_process";
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

import { expect, test } from "vitest";

import { buildOpenApi } from "../src/testing.ts";

/**
 * The OpenAPI document the server serves passes Spectral's OWASP ruleset with no errors, as
 * the repository's `.spectral.yaml` configures it (the rules it switches off say why). The
 * CLI runs on the document as a file, with what is installed: nothing is fetched.
 */
const root = fileURLToPath(new URL("../../../", import.meta.url));

interface SpectralResult {
  code: string;
  message: string;
  path: Array<string | number>;
  severity: number;
}

async function spectralCli(): Promise<string> {
  const require = createRequire(join(root, "package.json"));
  const manifest = require.resolve("@stoplight/spectral-cli/package.json");
  const { bin } = JSON.parse(await readFile(manifest, "utf8")) as { bin: { spectral: string } };
  return join(dirname(manifest), bin.spectral);
}

/** Runs a command; resolves with its exit code and what it wrote. */
function run(args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, args, { cwd: root });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
    child.on("error", reject);
    child.on("close", (code) => resolve({ code, stdout, stderr }));
  });
}

test("the OpenAPI document passes Spectral's OWASP ruleset with no errors", async () => {
  const dir = await mkdtemp(join(tmpdir(), "kabinet-openapi-"));
  try {
    const file = join(dir, "openapi.json");
    await writeFile(file, JSON.stringify(buildOpenApi(), null, 2));
    const { code, stdout, stderr } = await run([
      await spectralCli(),
      "lint",
      file,
      "--ruleset",
      join(root, ".spectral.yaml"),
      "--format",
      "json",
      "--quiet",
    ]);
    // An exit without a JSON report is a ruleset that did not load.
    expect(stdout.trim().startsWith("["), stderr || stdout).toBe(true);
    const results = JSON.parse(stdout) as SpectralResult[];
    const errors = results
      .filter((r) => r.severity === 0)
      .map((r) => `${r.code} at ${r.path.join(" › ")}: ${r.message}`);
    expect(errors).toEqual([]);
    expect(code).toBe(0);
    const warnings = results.filter((r) => r.severity === 1).length;
    console.warn(`Spectral OWASP ruleset: 0 errors, ${warnings} warnings`);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}, 60_000);
