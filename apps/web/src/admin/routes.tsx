import { Navigate, Route } from "react-router";

import { lazyPage } from "../components/lazy-page.ts";
import { useSignedInUser } from "../components/SignedInArea.tsx";
import { adminSectionsFor } from "./access.ts";
import { NoAccess } from "./components/NoAccess.tsx";
import { RequirePermission } from "./components/RequirePermission.tsx";

// Most accounts never open the admin area, so its pages load on first use, as one chunk.
const pages = () => import("./pages.ts");
const UsersPage = lazyPage(pages, "UsersPage");
const UserDetailPage = lazyPage(pages, "UserDetailPage");
const GroupsPage = lazyPage(pages, "GroupsPage");
const GroupDetailPage = lazyPage(pages, "GroupDetailPage");
const LogsPage = lazyPage(pages, "LogsPage");
const DevicesPage = lazyPage(pages, "DevicesPage");
const DeviceDetailPage = lazyPage(pages, "DeviceDetailPage");
const ScanPage = lazyPage(pages, "ScanPage");
const ConfirmationsPage = lazyPage(pages, "ConfirmationsPage");

/** `/admin` opens the first section the account may use. */
function AdminHome() {
  const [first] = adminSectionsFor(useSignedInUser());
  return first ? <Navigate to={first.to} replace /> : <NoAccess />;
}

/** The admin area's routes, placed inside the signed-in area. */
export function adminRoutes() {
  return (
    <>
      <Route path="/admin" element={<AdminHome />} />
      <Route path="/admin/users" element={<RequirePermission permission="users:read" />}>
        <Route index element={<UsersPage />} />
        <Route path=":id" element={<UserDetailPage />} />
      </Route>
      <Route path="/admin/groups" element={<RequirePermission permission="groups:manage" />}>
        <Route index element={<GroupsPage />} />
        <Route path=":id" element={<GroupDetailPage />} />
      </Route>
      <Route path="/admin/logs" element={<RequirePermission permission="logs:read" />}>
        <Route index element={<LogsPage />} />
      </Route>
      <Route path="/admin/devices" element={<RequirePermission permission="devices:manage" />}>
        <Route index element={<DevicesPage />} />
        <Route path=":id" element={<DeviceDetailPage />} />
      </Route>
      <Route path="/admin/scan" element={<RequirePermission permission="devices:manage" />}>
        <Route index element={<ScanPage />} />
      </Route>
      <Route
        path="/admin/confirmations"
        element={<RequirePermission permission="confirmations:review" />}
      >
        <Route index element={<ConfirmationsPage />} />
      </Route>
    </>
  );
}
