import js from "@eslint/js";
import prettier from "eslint-config-prettier/flat";
import globals from "globals";
import tseslint from "typescript-eslint";

/**
 * The type-aware rules every package follows. Formatting and import order belong to the
 * formatter (`pnpm format`), so nothing here fights it.
 *
 * @param {string} tsconfigRootDir the package's folder (`import.meta.dirname`)
 */
export function baseConfig(tsconfigRootDir) {
  return tseslint.config(
    { ignores: ["dist/**", "node_modules/**", "coverage/**", "test-artifacts/**"] },
    js.configs.recommended,
    ...tseslint.configs.recommendedTypeChecked,
    {
      languageOptions: {
        globals: { ...globals.node },
        parserOptions: {
          // Every .ts file belongs to its package's tsconfig; only the lint config itself does not.
          projectService: { allowDefaultProject: ["*.config.js"] },
          tsconfigRootDir,
        },
      },
      linterOptions: { reportUnusedDisableDirectives: "error" },
      rules: {
        "@typescript-eslint/no-explicit-any": "error",
        "@typescript-eslint/no-floating-promises": "error",
        "@typescript-eslint/no-misused-promises": [
          "error",
          { checksVoidReturn: { attributes: false } },
        ],
        "@typescript-eslint/no-unused-vars": [
          "error",
          { argsIgnorePattern: "^_", varsIgnorePattern: "^_", caughtErrors: "none" },
        ],
        "@typescript-eslint/consistent-type-imports": [
          "error",
          { prefer: "type-imports", fixStyle: "inline-type-imports" },
        ],
        "@typescript-eslint/no-import-type-side-effects": "error",
        "@typescript-eslint/only-throw-error": "error",
        "@typescript-eslint/switch-exhaustiveness-check": "error",
        "no-console": ["error", { allow: ["warn", "error"] }],
        eqeqeq: ["error", "smart"],
      },
    },
    {
      // Tests read untyped JSON answers on purpose and assert on them; `any` itself stays banned.
      files: ["test/**/*.ts", "**/*.test.ts"],
      rules: {
        "@typescript-eslint/no-unsafe-argument": "off",
        "@typescript-eslint/no-unsafe-assignment": "off",
        "@typescript-eslint/no-unsafe-call": "off",
        "@typescript-eslint/no-unsafe-member-access": "off",
        "@typescript-eslint/no-unsafe-return": "off",
      },
    },
    {
      files: ["**/*.js"],
      ...tseslint.configs.disableTypeChecked,
    },
    prettier,
  );
}
