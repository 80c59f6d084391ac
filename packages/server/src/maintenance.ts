import { pruneQrData } from "./domain/qr/codes.ts";
import type { Services } from "./domain/services.ts";
import { pruneAttemptCounters } from "./infra/attempt-counters.ts";

const HOUR_MS = 3_600_000;

/**
 * Starts the hourly clean-up (expired QR codes, remembered scan answers, password-check
 * counters that ran out); returns its stop.
 */
export function startMaintenance(services: Services): () => void {
  const timer = setInterval(() => {
    pruneQrData(services.db).catch((error: unknown) =>
      services.log.warn({ err: error }, "QR data pruning failed"),
    );
    pruneAttemptCounters(services.db).catch((error: unknown) =>
      services.log.warn({ err: error }, "attempt counter pruning failed"),
    );
  }, HOUR_MS).unref();
  return () => clearInterval(timer);
}
