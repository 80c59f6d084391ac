import type { User } from "@kabinet/contracts";
import { eq, schema } from "@kabinet/db";

import { loadMemberships } from "../access/memberships.ts";
import { toUser } from "../accounts/user-view.ts";
import { auditByCaller } from "../audit-caller.ts";
import type { Context } from "../context.ts";
import { AppError } from "../errors.ts";
import { mediaUrl, prepareImage, storeImage } from "../media/store.ts";
import { assertMayEdit } from "./policy.ts";

const { users } = schema;

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
  const image = await prepareImage(ctx, base64, "avatar", "image");
  return services.db.transaction(async (tx) => {
    const mediaId = await storeImage(tx, { ownerId: id, kind: "avatar", bytes: image });
    const [row] = await tx
      .update(users)
      .set({ avatarUrl: mediaUrl(mediaId, "avatar") })
      .where(eq(users.id, id))
      .returning();
    await auditByCaller(ctx, tx, {
      action: "user.avatar_changed",
      userId: id,
      details: { media_id: mediaId, bytes: image.length },
    });
    const memberships = await loadMemberships(tx, [id]);
    return toUser(row!, memberships.get(id) ?? []);
  });
}
