import { ProblemError, problemOfResponse, problemWithCode } from "../problems.ts";
import { imageDataUrl } from "./image-file.ts";

/**
 * Fetches a private image (a student-card scan) as a `data:` URL. The API serves it to its owner
 * and reviewers by the web app's session cookie, which a same-origin request carries, and marks
 * it `no-store`; the request says the same, so no cache on the way keeps a copy.
 */
export async function fetchPrivateImage(
  url: string,
  fetchImpl: typeof fetch = (...args) => globalThis.fetch(...args),
): Promise<string> {
  let response: Response;
  try {
    response = await fetchImpl(url, {
      credentials: "same-origin",
      cache: "no-store",
      headers: { accept: "image/*" },
    });
  } catch {
    throw new ProblemError(problemWithCode("network_error"));
  }
  if (!response.ok) throw new ProblemError(await problemOfResponse(response));
  const blob = await response.blob();
  if (!blob.type.startsWith("image/")) throw new ProblemError(problemWithCode("unknown_error"));
  return imageDataUrl(blob);
}
