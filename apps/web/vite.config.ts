import react from "@vitejs/plugin-react";
import { defineConfig } from "vite";

const api = "http://localhost:3000";

/**
 * Modules the app never relies on running, so that what it does not import is left out: the
 * contracts only declare schemas and constants (the first page needs the error codes, not every
 * operation with zod and ts-rest behind them), and Mantine's index imports the scroll lock of
 * its Modal whether or not a page has one.
 */
const sideEffectFree =
  /[\\/](packages[\\/]contracts[\\/]src|node_modules[\\/](react-remove-scroll|react-remove-scroll-bar|react-style-singleton|use-sidecar|use-callback-ref|get-nonce))[\\/]/;

export default defineConfig({
  plugins: [react()],
  server: {
    proxy: {
      "/trpc": api,
      "/rest": api,
      "/docs": api,
      // Avatars and (with the session cookie) scans.
      "/media": api,
    },
  },
  build: {
    outDir: "dist",
    emptyOutDir: true,
    // The first page's JavaScript is held to a gzip budget by scripts/initial-js.js; raw, the
    // libraries it needs come to a little over Vite's default warning size.
    chunkSizeWarningLimit: 600,
    // Read by scripts/initial-js.js, which holds the first page's JavaScript to its budget.
    manifest: true,
    rolldownOptions: {
      treeshake: {
        moduleSideEffects: (id) => (sideEffectFree.test(id) ? false : undefined),
      },
      output: {
        // What the first page needs comes in two files, the libraries and the app's own code,
        // rather than in a dozen small shared ones. The entry keeps a chunk of its own, which
        // the manifest names as the entry.
        codeSplitting: {
          groups: [
            { name: "vendor", test: /[\\/]node_modules[\\/]/, tags: ["$initial"] },
            { name: "app", test: /[\\/]src[\\/](?!main\.tsx)/, tags: ["$initial"] },
          ],
        },
      },
    },
  },
});
