import { Button, Menu } from "@mantine/core";
import { useTranslation } from "react-i18next";
import { Link, useLocation } from "react-router";

import type { AdminSection } from "../admin/access.ts";
import { MenuCaret } from "./MenuCaret.tsx";

/**
 * The admin sections behind one header button, so that an administrator's row of links stays
 * one row in either language. Each item is a real link (a new tab works); the current section
 * is marked for assistive technology as the header's links are.
 */
export function AdminMenu({ sections }: { sections: AdminSection[] }) {
  const { t } = useTranslation();
  const { pathname } = useLocation();
  const inSection = (to: string) => pathname === to || pathname.startsWith(`${to}/`);
  const active = sections.some((section) => inSection(section.to));
  return (
    <Menu position="bottom-start" withInitialFocusPlaceholder={false}>
      <Menu.Target>
        <Button
          variant={active ? "light" : "subtle"}
          size="compact-md"
          rightSection={<MenuCaret />}
          data-testid="admin-menu"
        >
          {t("nav.admin")}
        </Button>
      </Menu.Target>
      <Menu.Dropdown>
        {sections.map((section) => (
          <Menu.Item
            key={section.to}
            component={Link}
            to={section.to}
            aria-current={inSection(section.to) ? "page" : undefined}
            fw={inSection(section.to) ? 700 : undefined}
          >
            {t(section.label)}
          </Menu.Item>
        ))}
      </Menu.Dropdown>
    </Menu>
  );
}
