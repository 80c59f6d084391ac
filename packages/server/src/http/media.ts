import type { Express, Request } from "express";

import { errorCatalog } from "@kabinet/contracts";

import { authenticate } from "../domain/authenticate.ts";
import { AppError } from "../domain/errors.ts";
import { isPublicKind, mayView, readMedia } from "../domain/media/store.ts";
import type { Services } from "../domain/services.ts";
import { problem } from "./problem.ts";
import { bearerToken } from "./request-context.ts";
import { sessionCookieOf } from "./session-cookie.ts";

/** `<uuid>` or, as avatar addresses have always been written, `<uuid>.webp`. */
const MEDIA_FILE = /^([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})(?:\.webp)?$/;

/**
 * The person asking, by bearer token or the web app's session cookie; null for anyone else.
 * A bad or ended credential is the same as none: the answer is then 404, as for a stranger.
 */
async function viewerOf(services: Services, req: Request) {
  try {
    const caller = await authenticate(services, {
      bearer: bearerToken(req.headers.authorization),
      sessionCookie: sessionCookieOf(req, services.config.NODE_ENV === "production"),
    });
    return caller.principal;
  } catch (error) {
    if (error instanceof AppError && errorCatalog[error.code].status === 401) return null;
    throw error;
  }
}

/**
 * Stored images at `/media/<id>` (and `/media/<id>.webp`). Public ones (avatars) are
 * immutable: cached for a year, with the id as their ETag. Private ones (scans) are served
 * only to their owner and reviewers and never cached; anyone else gets the 404 of an image
 * that does not exist, so their existence is not revealed.
 */
export function mountMedia(app: Express, services: Services): void {
  app.get("/media/:file", async (req, res, next) => {
    try {
      const id = MEDIA_FILE.exec(req.params.file)?.[1];
      const found = id ? await readMedia(services, id) : null;
      const visible =
        found && (isPublicKind(found.kind) || mayView(found, await viewerOf(services, req)));
      if (!found || !visible) {
        res
          .status(404)
          .type("application/problem+json")
          .json(problem("not_found", "No such image"));
        return;
      }
      res.setHeader("Content-Type", found.contentType);
      res.setHeader("Cross-Origin-Resource-Policy", "same-site");
      if (!isPublicKind(found.kind)) {
        res.setHeader("Cache-Control", "private, no-store");
        res.end(found.bytes);
        return;
      }
      const etag = `"${found.id}"`;
      res.setHeader("ETag", etag);
      res.setHeader("Cache-Control", "public, max-age=31536000, immutable");
      if (
        req.headers["if-none-match"]?.split(/\s*,\s*/).some((tag) => tag === etag || tag === "*")
      ) {
        res.status(304).end();
        return;
      }
      res.end(found.bytes);
    } catch (error) {
      next(error);
    }
  });
}
