import { Badge, Burger, Menu, VisuallyHidden } from "@mantine/core";
import { useDisclosure } from "@mantine/hooks";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";

import type { AdminSection } from "../admin/access.ts";

/** Below this width the header's links give way to a menu. */
export type NavBreakpoint = "md" | "lg";

/** On narrow screens the sections fold into a menu. */
export function NarrowNav({
  admin,
  breakpoint,
  requests,
}: {
  admin: AdminSection[];
  breakpoint: NavBreakpoint;
  /** The count of friend requests waiting for an answer, if any. */
  requests: string | null;
}) {
  const { t } = useTranslation();
  const [opened, { toggle, close }] = useDisclosure(false);
  return (
    <Menu
      opened={opened}
      onClose={close}
      position="bottom-start"
      // Mantine's placeholder for the first focus is an element a menu may not contain.
      withInitialFocusPlaceholder={false}
    >
      <Menu.Target>
        <Burger
          opened={opened}
          onClick={toggle}
          size="sm"
          hiddenFrom={breakpoint}
          aria-label={t("nav.main")}
        />
      </Menu.Target>
      <Menu.Dropdown>
        <Menu.Item component={Link} to="/profile">
          {t("nav.profile")}
        </Menu.Item>
        <Menu.Item component={Link} to="/people">
          {t("people.nav")}
        </Menu.Item>
        <Menu.Item
          component={Link}
          to="/friends"
          rightSection={
            requests ? (
              <Badge
                color="red.8"
                variant="filled"
                size="sm"
                aria-hidden="true"
                data-testid="nav-count"
              >
                {requests}
              </Badge>
            ) : undefined
          }
        >
          {t("friends.nav")}
          {requests && (
            <VisuallyHidden> ({t("friends.newRequests", { number: requests })})</VisuallyHidden>
          )}
        </Menu.Item>
        <Menu.Item component={Link} to="/security">
          {t("nav.security")}
        </Menu.Item>
        <Menu.Item component={Link} to="/qr">
          {t("nav.qr")}
        </Menu.Item>
        {admin.length > 0 && <Menu.Label>{t("nav.admin")}</Menu.Label>}
        {admin.map((section) => (
          <Menu.Item key={section.to} component={Link} to={section.to}>
            {t(section.label)}
          </Menu.Item>
        ))}
      </Menu.Dropdown>
    </Menu>
  );
}
