import react from "@vitejs/plugin-react";
import { defineConfig } from "vite";

const api = "http://localhost:3000";

export default defineConfig({
  plugins: [react()],
  server: {
    proxy: {
      "/trpc": api,
      "/rest": api,
      "/docs": api,
    },
  },
  build: {
    outDir: "dist",
    emptyOutDir: true,
    // Mantine and zod make up most of the main chunk; the password dictionaries load on demand.
    chunkSizeWarningLimit: 1000,
  },
});
