// The JavaScript a first visit loads before any lazy chunk: the entry and everything it imports
// statically, read from Vite's manifest. Prints each file and the total, gzipped as a server
// would send them, and fails when the total is over the budget. The chunks each page loads
// after that are listed too, for information.
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { gzipSync } from "node:zlib";

/** In kB of gzip (1000 bytes, as Vite prints sizes). */
const BUDGET_KB = 200;

const dist = fileURLToPath(new URL("../dist/", import.meta.url));

/** @typedef {{ file: string, src?: string, isEntry?: boolean, imports?: string[], dynamicImports?: string[] }} Chunk */
/** @type {Record<string, Chunk>} */
const manifest = JSON.parse(readFileSync(`${dist}.vite/manifest.json`, "utf8"));
const entries = Object.keys(manifest).filter((key) => manifest[key]?.isEntry);
if (entries.length === 0) throw new Error("Vite's manifest names no entry");

/** The chunks `keys` load before running: themselves and their static imports, each once. */
function staticClosure(keys, seen = new Set()) {
  for (const key of keys) {
    if (seen.has(key)) continue;
    seen.add(key);
    staticClosure(manifest[key]?.imports ?? [], seen);
  }
  return seen;
}

const sizes = new Map();
function gzipped(key) {
  if (!sizes.has(key)) {
    const code = readFileSync(`${dist}${manifest[key].file}`);
    sizes.set(key, { raw: code.length, gzip: gzipSync(code).length });
  }
  return sizes.get(key);
}

const print = (line) => process.stdout.write(`${line}\n`);
const kb = (bytes) => `${(bytes / 1000).toFixed(1).padStart(6)} kB`;
const sum = (keys) => [...keys].reduce((total, key) => total + gzipped(key).gzip, 0);

const initial = staticClosure(entries);
print("Initial JS, the entry and its static imports:");
for (const key of initial) {
  const { raw, gzip } = gzipped(key);
  print(`  ${kb(raw)} ${kb(gzip)} gzip  ${manifest[key].file}`);
}
const total = sum(initial);
const rawTotal = [...initial].reduce((all, key) => all + gzipped(key).raw, 0);
print(`  ${kb(rawTotal)} ${kb(total)} gzip  total, budget ${BUDGET_KB} kB gzip`);

// What each lazily loaded part of the app adds on its first use, beyond the initial files.
const lazy = new Set(
  [...initial]
    .flatMap((key) => manifest[key]?.dynamicImports ?? [])
    .filter((key) => manifest[key]?.src?.startsWith("src/")),
);
print("Loaded later, on first use (gzip, beyond the initial JS):");
for (const key of [...lazy].sort()) {
  const added = [...staticClosure([key])].filter((chunk) => !initial.has(chunk));
  print(`  ${kb(sum(added))}  ${manifest[key].src}`);
}

if (total > BUDGET_KB * 1000) {
  console.error(
    `Initial JS is ${(total / 1000).toFixed(1)} kB gzip, over the ${BUDGET_KB} kB budget.`,
  );
  process.exit(1);
}
