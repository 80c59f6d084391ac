import { createTheme, type CSSVariablesResolver, type MantineColorsTuple } from "@mantine/core";

/*
 * Colours chosen for WCAG 2.1 AA: every text has a contrast of at least 4.5:1 with what is
 * behind it. Filled buttons and badges, outlines and links use shade 8 of their colour (white on
 * it, or it on white); light buttons, badges and alerts write in shade 9 on shade 1. Mantine's
 * indigo, blue, grape and gray meet that as they are; the shades 8 and 9 of the others are
 * darker here (Mantine's: green 3.45 and 3.81, orange 3.58 and 3.62, yellow 2.48 and 2.69,
 * teal 3.95, red 4.51 and 4.51).
 */

/** White on shade 8: 5.46; shade 9 on shade 1: 5.53. */
const red: MantineColorsTuple = [
  "#fff5f5",
  "#ffe3e3",
  "#ffc9c9",
  "#ffa8a8",
  "#ff8787",
  "#ff6b6b",
  "#fa5252",
  "#f03e3e",
  "#c92a2a",
  "#b02525",
];

/** White on shade 8: 5.33; shade 9 on shade 1: 6.22. */
const green: MantineColorsTuple = [
  "#ebfbee",
  "#d3f9d8",
  "#b2f2bb",
  "#8ce99a",
  "#69db7c",
  "#51cf66",
  "#40c057",
  "#37b24d",
  "#1e7b34",
  "#166534",
];

/** White on shade 8: 5.32; shade 9 on shade 1: 6.64. */
const teal: MantineColorsTuple = [
  "#e6fcf5",
  "#c3fae8",
  "#96f2d7",
  "#63e6be",
  "#38d9a9",
  "#20c997",
  "#12b886",
  "#0ca678",
  "#0b7a5a",
  "#085f45",
];

/** White on shade 8: 5.18; shade 9 on shade 1: 6.15. */
const orange: MantineColorsTuple = [
  "#fff4e6",
  "#ffe8cc",
  "#ffd8a8",
  "#ffc078",
  "#ffa94d",
  "#ff922b",
  "#fd7e14",
  "#f76707",
  "#c2410c",
  "#9a3412",
];

/** White on shade 8: 4.92; shade 9 on shade 1: 6.14 (yellow itself is too light for text). */
const yellow: MantineColorsTuple = [
  "#fff9db",
  "#fff3bf",
  "#ffec99",
  "#ffe066",
  "#ffd43b",
  "#fcc419",
  "#fab005",
  "#f59f00",
  "#a16207",
  "#854d0e",
];

export const theme = createTheme({
  primaryColor: "indigo",
  // Indigo 8 (#3b5bdb): white on it 5.67, and as links on white 5.67 (shade 6: 4.32).
  primaryShade: 8,
  colors: { red, green, teal, orange, yellow },
  // Where text is black or white by its background (`autoContrast`), the one with the higher
  // contrast: above this relative luminance black does better than white.
  luminanceThreshold: 0.179,
  defaultRadius: "md",
  fontFamily:
    "system-ui, -apple-system, 'Segoe UI', Roboto, 'Noto Sans', 'Helvetica Neue', Arial, sans-serif",
});

/**
 * Secondary text (`c="dimmed"`) in #5c636a: 6.09 on white, at least 4.8 on the light
 * backgrounds of badges and alerts (Mantine's gray 6: 3.32). Field errors in red 8 (5.46;
 * Mantine's red 6: 3.28). Placeholders, examples of what to type, in #6c757d (4.69). A subtle
 * or light indigo button under the pointer (the header's links and menu button) turns #cdd8ff,
 * between indigo 1 and 2, under its indigo 9 text: 4.79 (Mantine's indigo 2: 4.12).
 */
export const cssVariablesResolver: CSSVariablesResolver = () => ({
  variables: {},
  light: {
    "--mantine-color-dimmed": "#5c636a",
    "--mantine-color-error": "var(--mantine-color-red-8)",
    "--mantine-color-placeholder": "#6c757d",
    "--mantine-color-indigo-light-hover": "#cdd8ff",
  },
  dark: {},
});
