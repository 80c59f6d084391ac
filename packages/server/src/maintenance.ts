import { pruneQrData } from "./domain/qr/codes.ts";
import type { Services } from "./domain/services.ts";

const HOUR_MS = 3_600_000;

/** Starts the hourly clean-up (expired QR codes, remembered scan answers); returns its stop. */
export function startMaintenance(services: Services): () => void {
  const timer = setInterval(() => {
    pruneQrData(services.db).catch((error: unknown) =>
      services.log.warn({ err: error }, "QR data pruning failed"),
    );
  }, HOUR_MS).unref();
  return () => clearInterval(timer);
}
