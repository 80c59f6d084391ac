/**
 * A door or machine terminal: reads scanned QR codes from stdin, one per line (a USB
 * barcode scanner types them followed by Enter), asks Kabinet whether the person may use
 * this device, and prints one line per scan:
 *
 *   ALLOWED <user id> <login> <full name>
 *   DENIED  <user id> <login> <full name>
 *   REFUSED <code> <explanation>
 *
 *   KABINET_URL=http://localhost:3000 KABINET_DEVICE_KEY=kbd_… pnpm --filter @kabinet/sdk terminal
 *
 * A real terminal would switch a relay on ALLOWED instead of printing.
 */
import { randomUUID } from "node:crypto";
import { createInterface } from "node:readline";

import { createClient, isKabinetError, KabinetRequestError } from "@kabinet/sdk";

const baseUrl = process.env.KABINET_URL ?? "http://localhost:3000";
const deviceKey = process.env.KABINET_DEVICE_KEY;
if (!deviceKey?.startsWith("kbd_")) {
  console.error(
    "Set KABINET_DEVICE_KEY to the device's API key (kbd_…), shown when the device was registered.",
  );
  process.exit(2);
}

const kabinet = createClient({ baseUrl, accessToken: deviceKey });

/**
 * One scan. A network failure is retried with the same idempotency key, so a scan whose
 * answer was lost is neither logged twice nor judged twice.
 */
async function scan(code: string): Promise<string> {
  const idempotencyKey = randomUUID();
  for (let attempt = 1; ; attempt++) {
    try {
      const who = await kabinet.qr.resolve({ code, idempotency_key: idempotencyKey });
      const verdict = who.allowed ? "ALLOWED" : "DENIED ";
      return `${verdict} ${who.user_id} ${who.username} ${who.fullname}`;
    } catch (error) {
      if (error instanceof KabinetRequestError && error.kind === "network" && attempt < 3) continue;
      if (isKabinetError(error)) return `REFUSED ${error.code} ${error.detail ?? error.title}`;
      throw error;
    }
  }
}

const lines = createInterface({ input: process.stdin, crlfDelay: Infinity });
for await (const line of lines) {
  const code = line.trim();
  if (!code) continue;
  console.log(await scan(code));
}
