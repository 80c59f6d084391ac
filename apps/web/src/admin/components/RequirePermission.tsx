import { Outlet } from "react-router";

import type { PermissionName } from "@kabinet/contracts";

import { useSignedInUser } from "../../components/SignedInArea.tsx";
import { hasPermission } from "../access.ts";
import { NoAccess } from "./NoAccess.tsx";

/** An admin section opens only with its permission; the account passes on to the pages inside. */
export function RequirePermission({ permission }: { permission: PermissionName }) {
  const user = useSignedInUser();
  if (!hasPermission(user, permission)) return <NoAccess />;
  return <Outlet context={user} />;
}
