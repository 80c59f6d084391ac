import reactHooks from "eslint-plugin-react-hooks";
import globals from "globals";

/** React on top of the base rules: the rules of hooks, and the browser's globals. */
export const reactConfig = [
  reactHooks.configs.flat["recommended-latest"] ?? reactHooks.configs.flat.recommended,
  { languageOptions: { globals: { ...globals.browser } } },
];
