import type { LogFilter } from "@kabinet/contracts";

import { ProblemError, problemOfResponse, problemWithCode } from "../../problems.ts";
import { refreshSession } from "../../session/session.ts";
import { getAccessToken } from "../../session/token-store.ts";
import { filenameFromDisposition, logExportUrl } from "./log-filters.ts";

export interface CsvDownloadDeps {
  fetch: typeof fetch;
  getAccessToken: () => string | undefined;
  refreshSession: () => Promise<boolean>;
}

const defaultDeps: CsvDownloadDeps = {
  fetch: (...args) => globalThis.fetch(...args),
  getAccessToken,
  refreshSession,
};

const staleTokenProblems = new Set(["unauthorized", "invalid_token", "session_revoked"]);

/**
 * Fetches the CSV export with the in-memory access token. An expired token is refreshed once
 * and the request repeated, as the tRPC link does for every other call.
 */
export async function fetchLogsCsv(
  filter: LogFilter,
  deps: CsvDownloadDeps = defaultDeps,
): Promise<{ blob: Blob; filename: string }> {
  const url = logExportUrl(filter);
  const attempt = async () => {
    const token = deps.getAccessToken();
    try {
      return await deps.fetch(url, {
        headers: token
          ? { authorization: `Bearer ${token}`, accept: "text/csv" }
          : { accept: "text/csv" },
      });
    } catch {
      throw new ProblemError(problemWithCode("network_error"));
    }
  };
  let response = await attempt();
  if (response.status === 401) {
    const problem = await problemOfResponse(response);
    if (!staleTokenProblems.has(problem.code) || !(await deps.refreshSession()))
      throw new ProblemError(problem);
    response = await attempt();
  }
  if (!response.ok) throw new ProblemError(await problemOfResponse(response));
  const blob = await response.blob();
  const filename = filenameFromDisposition(
    response.headers.get("content-disposition"),
    "kabinet-logs.csv",
  );
  return { blob, filename };
}

/** Hands a blob to the browser as a download. */
export function saveBlob(blob: Blob, filename: string): void {
  const href = URL.createObjectURL(blob);
  const link = document.createElement("a");
  link.href = href;
  link.download = filename;
  link.rel = "noopener";
  document.body.append(link);
  link.click();
  link.remove();
  // Revoked after the click has been handled; the download keeps its own copy.
  setTimeout(() => URL.revokeObjectURL(href), 10_000);
}
