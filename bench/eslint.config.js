import { baseConfig } from "@kabinet/eslint-config/base";

export default [
  ...baseConfig(import.meta.dirname),
  // A benchmark's job is to print its figures.
  { rules: { "no-console": "off" } },
];
