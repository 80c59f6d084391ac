/** The admin pages, loaded together as one chunk on first use. */
export { GroupDetailPage } from "./groups/GroupDetailPage.tsx";
export { GroupsPage } from "./groups/GroupsPage.tsx";
export { LogsPage } from "./logs/LogsPage.tsx";
export { UserDetailPage } from "./users/UserDetailPage.tsx";
export { UsersPage } from "./users/UsersPage.tsx";
