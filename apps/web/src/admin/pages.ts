/** The admin pages, loaded together as one chunk on first use. */
export { DeviceDetailPage } from "./devices/DeviceDetailPage.tsx";
export { DevicesPage } from "./devices/DevicesPage.tsx";
export { GroupDetailPage } from "./groups/GroupDetailPage.tsx";
export { GroupsPage } from "./groups/GroupsPage.tsx";
export { LogsPage } from "./logs/LogsPage.tsx";
export { ScanPage } from "./scan/ScanPage.tsx";
export { UserDetailPage } from "./users/UserDetailPage.tsx";
export { UsersPage } from "./users/UsersPage.tsx";
export { ConfirmationsPage } from "./confirmations/ConfirmationsPage.tsx";
