import { baseConfig } from "@kabinet/eslint-config/base";

export default [
  ...baseConfig(import.meta.dirname),
  {
    // tsconfig.json includes every TypeScript file here, the config files too: opening those
    // as default-project files as well is a parsing error.
    files: ["**/*.ts"],
    languageOptions: { parserOptions: { projectService: true } },
  },
  {
    // Example programs show what the client answers by printing it.
    files: ["examples/**/*.ts"],
    rules: { "no-console": "off" },
  },
];
