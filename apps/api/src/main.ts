import { fileURLToPath } from "node:url";

import { openDatabase } from "@kabinet/db";
import { createApp, createLogger, drainable, loadConfig } from "@kabinet/server";

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
const requests = drainable(server);

server.listen(config.PORT, config.HOST, () => {
  log.info(
    { port: config.PORT, database: database.kind },
    `Kabinet listening on http://localhost:${config.PORT}`,
  );
});

/**
 * On SIGTERM the process stops accepting connections, answers anything new with a 503 and
 * `Connection: close`, lets the requests in flight finish (10 s at most), closes the database
 * and exits: 0 when every request finished, 1 when some had to be cut off.
 */
let stopping = false;
async function shutdown(signal: string) {
  if (stopping) return;
  stopping = true;
  log.info({ signal }, "shutting down: finishing the requests in flight");
  const start = performance.now();
  // Whatever hangs below, the process ends.
  setTimeout(() => process.exit(1), 15_000).unref();
  const finished = await requests.drain({ timeoutMs: 10_000 });
  await database
    .close()
    .catch((error: unknown) => log.warn({ err: error }, "closing the database failed"));
  const ms = Math.round(performance.now() - start);
  if (finished) log.info({ ms }, "stopped");
  else log.warn({ ms }, "stopped; requests still running after 10 s were cut off");
  process.exit(finished ? 0 : 1);
}
process.on("SIGTERM", () => void shutdown("SIGTERM"));
process.on("SIGINT", () => void shutdown("SIGINT"));
process.on("unhandledRejection", (reason) => log.error({ err: reason }, "unhandled rejection"));
