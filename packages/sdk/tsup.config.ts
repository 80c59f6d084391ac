import { defineConfig } from "tsup";

export default defineConfig({
  entry: ["src/index.ts"],
  format: ["esm"],
  target: "node20",
  platform: "neutral",
  // Declarations of the contracts are generated from their source and inlined as well.
  dts: { compilerOptions: { paths: { "@kabinet/contracts": ["../contracts/src/index.ts"] } } },
  // The contracts are private TypeScript source: they ship inside the bundle. zod and
  // @ts-rest/core stay dependencies so an app keeps one copy of each.
  noExternal: ["@kabinet/contracts"],
  external: ["zod", "@ts-rest/core"],
  clean: true,
  sourcemap: true,
});
