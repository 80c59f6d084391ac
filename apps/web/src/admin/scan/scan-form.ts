import { scanRefusals, type ErrorCode, type ResolveInput } from "@kabinet/contracts";

/** The form's values: the code as typed or pasted, and the device chosen (as a select's string value). */
export interface ScanFormValues {
  code: string;
  device: string | null;
}

/**
 * The request for a test scan. The code is sent even when empty, so the API's own answer
 * (`qr_code_missing`) is what the page shows; only surrounding spaces are dropped, as a
 * scanner's line ending or a careless paste would add them.
 */
export function toResolveInput(values: ScanFormValues): ResolveInput {
  const code = values.code.trim();
  const deviceId = values.device ? Number(values.device) : undefined;
  return deviceId && Number.isInteger(deviceId) && deviceId > 0
    ? { code, device_id: deviceId }
    : { code };
}

/** The API's judgements of a scanned code, shown as the scan's outcome rather than as a failure of the page. */
const refusals: ReadonlySet<string> = new Set<string>(scanRefusals);

export function isScanRefusal(code: string): boolean {
  return refusals.has(code);
}

/** Refusals that concern the code's time window rather than the code itself. */
const windowProblems: ReadonlySet<string> = new Set<ErrorCode>([
  "qr_code_expired",
  "qr_code_not_yet_valid",
]);

export function scanProblemColor(code: string): "orange" | "red" {
  return windowProblems.has(code) ? "orange" : "red";
}
