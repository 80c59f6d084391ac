import { fileURLToPath } from "node:url";

import { openDatabase } from "@kabinet/db";
import { createApp, createLogger, loadConfig } from "@kabinet/server";

// The process serves this repository's web app unless told to serve another build.
const config = loadConfig({
  WEB_DIST: fileURLToPath(new URL("../../web/dist", import.meta.url)),
  ...process.env,
});
const log = createLogger(config);

const database = await openDatabase({
  url: config.DATABASE_URL,
  dataDir: config.DATABASE_URL ? undefined : config.DATA_DIR,
  poolSize: config.DATABASE_POOL_SIZE,
});
const { server } = await createApp(config, database, log);

server.listen(config.PORT, config.HOST, () => {
  log.info(
    { port: config.PORT, database: database.kind },
    `Kabinet listening on http://localhost:${config.PORT}`,
  );
});

let stopping = false;
async function shutdown(signal: string) {
  if (stopping) return;
  stopping = true;
  log.info({ signal }, "shutting down");
  const force = setTimeout(() => process.exit(1), 10_000);
  force.unref();
  server.close();
  server.closeIdleConnections();
  await new Promise<void>((resolve) => server.once("close", () => resolve()));
  await database.close();
  process.exit(0);
}
process.on("SIGTERM", () => void shutdown("SIGTERM"));
process.on("SIGINT", () => void shutdown("SIGINT"));
process.on("unhandledRejection", (reason) => log.error({ err: reason }, "unhandled rejection"));
