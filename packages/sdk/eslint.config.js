import { baseConfig } from "@kabinet/eslint-config/base";

export default [
  ...baseConfig(import.meta.dirname),
  {
    // Example programs show what the client answers by printing it.
    files: ["examples/**/*.ts"],
    rules: { "no-console": "off" },
  },
];
