import { eq, schema, type Executor } from "@kabinet/db";

import { processImage, UnreadableImageError, type ImageKind } from "../../infra/images.ts";
import { hasPermission } from "../access/permissions.ts";
import type { Context, Principal } from "../context.ts";
import { AppError } from "../errors.ts";
import { consumeLimit } from "../limits.ts";
import type { Services } from "../services.ts";

const { media } = schema;

/** Where a stored image is served. Avatars keep their `.webp` address; both forms work. */
export function mediaUrl(id: string, kind: ImageKind): string {
  return kind === "avatar" ? `/media/${id}.webp` : `/media/${id}`;
}

/**
 * An uploaded file (base64, as every surface hands it over) decoded and re-encoded for its
 * kind; a file that is not an acceptable image is a 400 naming `field`. Each upload counts
 * against the uploader's hourly limit first: decoding is the costly part.
 */
export async function prepareImage(
  ctx: Context<"user">,
  base64: string,
  kind: ImageKind,
  field: string,
) {
  await consumeLimit(ctx.services, "uploads", String(ctx.principal.userId));
  try {
    return await processImage(Buffer.from(base64, "base64"), kind);
  } catch (error) {
    if (error instanceof UnreadableImageError) throw AppError.invalid(field, error.message);
    throw error;
  }
}

/** Stores a processed image; the caller's transaction decides whether it stays. */
export async function storeImage(
  tx: Executor,
  image: { ownerId: number; kind: ImageKind; bytes: Buffer },
): Promise<string> {
  const [stored] = await tx
    .insert(media)
    .values({ ...image, contentType: "image/webp" })
    .returning({ id: media.id });
  return stored!.id;
}

/** Deletes a stored image (row and bytes: they are one row). */
export async function deleteImage(tx: Executor, id: string): Promise<void> {
  await tx.delete(media).where(eq(media.id, id));
}

export interface StoredMedia {
  id: string;
  ownerId: number | null;
  kind: ImageKind;
  contentType: string;
  bytes: Buffer;
}

/** A stored image by id, for the media route; null when there is none. */
export async function readMedia(services: Services, id: string): Promise<StoredMedia | null> {
  const [found] = await services.db
    .select({
      id: media.id,
      ownerId: media.ownerId,
      kind: media.kind,
      contentType: media.contentType,
      bytes: media.bytes,
    })
    .from(media)
    .where(eq(media.id, id));
  return found ?? null;
}

/** Private media (scans) are for their owner and for reviewers; public ones for anyone. */
export function mayView(item: Pick<StoredMedia, "kind" | "ownerId">, viewer: Principal | null) {
  if (item.kind === "avatar") return true;
  if (!viewer) return false;
  return (
    item.ownerId === viewer.userId ||
    hasPermission(viewer.role, viewer.groups, "confirmations:review")
  );
}

/** Whether a kind is served to anyone, with long-lived caching. */
export const isPublicKind = (kind: ImageKind) => kind === "avatar";
