import { fileURLToPath } from "node:url";

/**
 * One formatting style for the whole tree. Imports are sorted by the formatter, so import
 * order never needs a reviewer: built-ins, third-party packages, our packages, relative files.
 *
 * @type {import("prettier").Config & import("@ianvs/prettier-plugin-sort-imports").PluginConfig}
 */
export default {
  printWidth: 100,
  // Resolved from this package, so it loads wherever prettier runs.
  plugins: [fileURLToPath(import.meta.resolve("@ianvs/prettier-plugin-sort-imports"))],
  importOrder: [
    "<BUILTIN_MODULES>",
    "",
    "<THIRD_PARTY_MODULES>",
    "",
    "^@kabinet/(.*)$",
    "",
    "^[.]",
  ],
  importOrderTypeScriptVersion: "5.9.0",
};
