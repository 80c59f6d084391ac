import type { User } from "@kabinet/contracts";
import { eq, schema } from "@kabinet/db";

import { toAvatar, UnreadableImageError } from "../../infra/images.ts";
import { loadMemberships } from "../access/memberships.ts";
import { toUser } from "../accounts/user-view.ts";
import { auditByCaller } from "../audit-caller.ts";
import type { Context } from "../context.ts";
import { AppError } from "../errors.ts";
import { assertMayEdit } from "./policy.ts";

const { users, media } = schema;

/** Where a stored image is served; immutable, so it can be cached forever. */
function mediaUrl(id: string): string {
  return `/media/${id}.webp`;
}

/** Replaces a user's avatar with the uploaded image, processed to a 512×512 WebP. */
export async function setUserAvatar(
  ctx: Context<"user">,
  id: number,
  base64: string,
): Promise<User> {
  const { services, principal } = ctx;
  const [target] = await services.db
    .select({ id: users.id, role: users.role, state: users.state })
    .from(users)
    .where(eq(users.id, id));
  if (!target || target.state === "deleted") throw new AppError("user_not_found");
  assertMayEdit(principal, target);
  let image: Buffer;
  try {
    image = await toAvatar(Buffer.from(base64, "base64"));
  } catch (error) {
    if (error instanceof UnreadableImageError) throw AppError.invalid("image", error.message);
    throw error;
  }
  return services.db.transaction(async (tx) => {
    const [stored] = await tx
      .insert(media)
      .values({ ownerId: id, kind: "avatar", contentType: "image/webp", bytes: image })
      .returning({ id: media.id });
    const [row] = await tx
      .update(users)
      .set({ avatarUrl: mediaUrl(stored!.id) })
      .where(eq(users.id, id))
      .returning();
    await auditByCaller(ctx, tx, {
      action: "user.avatar_changed",
      userId: id,
      details: { media_id: stored!.id, bytes: image.length },
    });
    const memberships = await loadMemberships(tx, [id]);
    return toUser(row!, memberships.get(id) ?? []);
  });
}

/** A stored image by id, for the media route. */
export async function readMedia(ctx: Pick<Context, "services">, id: string) {
  const [found] = await ctx.services.db
    .select({ contentType: media.contentType, bytes: media.bytes })
    .from(media)
    .where(eq(media.id, id));
  return found ?? null;
}
