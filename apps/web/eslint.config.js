import { baseConfig } from "@kabinet/eslint-config/base";
import { reactConfig } from "@kabinet/eslint-config/react";

export default [
  ...baseConfig(import.meta.dirname),
  ...reactConfig,
  {
    // tsconfig.json includes the Vite and Vitest configs, so they need no default project
    // (typescript-eslint refuses a file found both ways).
    files: ["**/*.ts", "**/*.tsx"],
    languageOptions: { parserOptions: { projectService: true } },
  },
];
