import { community } from "./community.ts";
import type { LegacyApi } from "./define.ts";
import { personalAccount } from "./personal-account.ts";
import { qrAccess } from "./qr-access.ts";
import { usersV1 } from "./users-v1.ts";

/**
 * The older APIs Kabinet keeps serving at their own paths, each a view over the unified
 * operations. The server mounts them, OpenAPI documents them and the drift test checks them
 * from this list.
 */
export const legacyApis: readonly LegacyApi[] = [qrAccess, usersV1, personalAccount, community];

export { community, personalAccount, qrAccess, usersV1 };
