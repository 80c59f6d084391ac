import { Anchor, Burger, Button, Container, Group, Text, useMantineTheme } from "@mantine/core";
import { useMediaQuery } from "@mantine/hooks";
import { useMutation, useQuery } from "@tanstack/react-query";
import { Suspense } from "react";
import { useTranslation } from "react-i18next";
import { Link, Outlet, useLocation } from "react-router";

import { adminSectionsFor, type AdminSection } from "../admin/access.ts";
import { endSession } from "../session/session.ts";
import { useSessionStatus } from "../session/use-session.ts";
import { useTRPC } from "../trpc.ts";
import classes from "./AppLayout.module.css";
import { LanguageSwitch } from "./LanguageSwitch.tsx";
import { lazyPage } from "./lazy-page.ts";
import type { NavBreakpoint } from "./NarrowNav.tsx";
import { PageBoundary } from "./PageBoundary.tsx";
import { ProblemAlert } from "./ProblemAlert.tsx";

function NavButton({ to, children }: { to: string; children: string }) {
  const { pathname } = useLocation();
  const active = pathname === to || pathname.startsWith(`${to}/`);
  return (
    <Button
      component={Link}
      to={to}
      variant={active ? "light" : "subtle"}
      size="compact-md"
      aria-current={active ? "page" : undefined}
    >
      {children}
    </Button>
  );
}

const NarrowNav = lazyPage(() => import("./NarrowNav.tsx"), "NarrowNav");

/**
 * The menu, and the popover machinery behind it, is needed only where the links do not fit: it
 * loads there, after the page. Until it has, its button is drawn, inactive.
 */
function NarrowNavSlot({
  admin,
  breakpoint,
}: {
  admin: AdminSection[];
  breakpoint: NavBreakpoint;
}) {
  const { t } = useTranslation();
  const theme = useMantineTheme();
  const linksFit = useMediaQuery(`(min-width: ${theme.breakpoints[breakpoint]})`, undefined, {
    getInitialValueInEffect: false,
  });
  if (linksFit) return null;
  return (
    <Suspense
      fallback={
        <Burger
          opened={false}
          size="sm"
          hiddenFrom={breakpoint}
          aria-label={t("nav.main")}
          disabled
        />
      }
    >
      <NarrowNav admin={admin} breakpoint={breakpoint} />
    </Suspense>
  );
}

export function AppLayout() {
  const { t } = useTranslation();
  const trpc = useTRPC();
  const { pathname } = useLocation();
  const signedIn = useSessionStatus() === "signed-in";
  const me = useQuery({ ...trpc.me.get.queryOptions({}), enabled: signedIn });
  const signOut = useMutation(
    trpc.auth.logout.mutationOptions({ onSuccess: () => endSession({ byUser: true }) }),
  );
  // Links only for the sections the account's permissions open; the pages check again.
  const admin = signedIn ? adminSectionsFor(me.data) : [];
  const wide = pathname.startsWith("/admin");
  // With the admin links the row is longer: the header takes the full width, the login gives
  // up its place first, and the links fold into the menu on wider screens too.
  const breakpoint: NavBreakpoint = admin.length > 0 ? "lg" : "sm";
  const loginFrom = admin.length > 0 ? "xl" : "sm";

  return (
    <div className={classes.shell}>
      {/* A dialog's scroll lock hides the scroll bar; with this class the header does not shift. */}
      <header className={`${classes.header} right-scroll-bar-position`}>
        <Container size={wide || admin.length > 0 ? "xl" : "md"} h="100%">
          <Group h="100%" justify="space-between" wrap="nowrap">
            <Group gap="lg" wrap="nowrap">
              <Anchor component={Link} to="/" fw={800} fz="xl" underline="never" c="indigo.7">
                {t("app.name")}
              </Anchor>
              {signedIn && (
                <>
                  <Group
                    component="nav"
                    aria-label={t("nav.main")}
                    gap={4}
                    visibleFrom={breakpoint}
                  >
                    <NavButton to="/profile">{t("nav.profile")}</NavButton>
                    <NavButton to="/security">{t("nav.security")}</NavButton>
                    <NavButton to="/qr">{t("nav.qr")}</NavButton>
                    {admin.map((section) => (
                      <NavButton key={section.to} to={section.to}>
                        {t(section.label)}
                      </NavButton>
                    ))}
                  </Group>
                  <NarrowNavSlot admin={admin} breakpoint={breakpoint} />
                </>
              )}
            </Group>
            <Group gap="sm" wrap="nowrap">
              <LanguageSwitch />
              {signedIn ? (
                <>
                  {me.data && (
                    <Text size="sm" c="dimmed" visibleFrom={loginFrom}>
                      {me.data.login}
                    </Text>
                  )}
                  <Button
                    variant="default"
                    size="xs"
                    loading={signOut.isPending}
                    onClick={() => signOut.mutate({})}
                  >
                    {t("nav.signOut")}
                  </Button>
                </>
              ) : pathname === "/sign-in" ? (
                <Button component={Link} to="/sign-up" variant="default" size="xs">
                  {t("nav.signUp")}
                </Button>
              ) : (
                <Button component={Link} to="/sign-in" variant="default" size="xs">
                  {t("nav.signIn")}
                </Button>
              )}
            </Group>
          </Group>
        </Container>
      </header>
      <main className={classes.main}>
        <Container size={wide ? "xl" : "md"} py="md">
          {signOut.isError && (
            <ProblemAlert
              error={signOut.error}
              title={t("session.signOutFailed")}
              onRetry={() => signOut.mutate({})}
              retrying={signOut.isPending}
            />
          )}
          <PageBoundary>
            <Outlet />
          </PageBoundary>
        </Container>
      </main>
    </div>
  );
}
