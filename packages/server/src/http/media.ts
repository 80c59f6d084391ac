import type { Express } from "express";

import type { Services } from "../domain/services.ts";
import { readMedia } from "../domain/users/avatar.ts";
import { problem } from "./problem.ts";

const MEDIA_FILE = /^([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})\.webp$/;

/** Stored images (avatars) at `/media/<id>.webp`: immutable, so cached for a year. */
export function mountMedia(app: Express, services: Services): void {
  app.get("/media/:file", async (req, res, next) => {
    try {
      const id = MEDIA_FILE.exec(req.params.file)?.[1];
      const found = id ? await readMedia({ services }, id) : null;
      if (!found) {
        res
          .status(404)
          .type("application/problem+json")
          .json(problem("not_found", "No such image"));
        return;
      }
      res.setHeader("Content-Type", found.contentType);
      res.setHeader("Cache-Control", "public, max-age=31536000, immutable");
      res.setHeader("Cross-Origin-Resource-Policy", "same-site");
      res.end(found.bytes);
    } catch (error) {
      next(error);
    }
  });
}
