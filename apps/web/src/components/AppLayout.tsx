import { Anchor, Burger, Button, Container, Group, Text, useMantineTheme } from "@mantine/core";
import { useMediaQuery } from "@mantine/hooks";
import { useMutation, useQuery } from "@tanstack/react-query";
import { Suspense } from "react";
import { useTranslation } from "react-i18next";
import { Link, Outlet, useLocation } from "react-router";

import { adminSectionsFor, type AdminSection } from "../admin/access.ts";
import { REQUEST_COUNT_MAX, requestCountLabel } from "../friends/request-count.ts";
import { endSession } from "../session/session.ts";
import { useSessionStatus } from "../session/use-session.ts";
import { useTRPC } from "../trpc.ts";
import classes from "./AppLayout.module.css";
import { LanguageSwitch } from "./LanguageSwitch.tsx";
import { lazyPage } from "./lazy-page.ts";
import { MenuCaret } from "./MenuCaret.tsx";
import type { NavBreakpoint } from "./NarrowNav.tsx";
import { PageBoundary } from "./PageBoundary.tsx";
import { ProblemAlert } from "./ProblemAlert.tsx";

function NavButton({
  to,
  children,
  count,
  countLabel,
}: {
  to: string;
  children: string;
  /** A number beside the link's text, such as the requests waiting for an answer. */
  count?: string | null;
  /** The count in words, which is what assistive technology reads instead of the number. */
  countLabel?: string;
}) {
  const { pathname } = useLocation();
  const active = pathname === to || pathname.startsWith(`${to}/`);
  return (
    <Button
      component={Link}
      to={to}
      variant={active ? "light" : "subtle"}
      size="compact-md"
      aria-current={active ? "page" : undefined}
      rightSection={
        count ? (
          <span className={classes.count} aria-hidden="true" data-testid="nav-count">
            {count}
          </span>
        ) : undefined
      }
    >
      {children}
      {count && <span className={classes.srOnly}> ({countLabel})</span>}
    </Button>
  );
}

const NarrowNav = lazyPage(() => import("./NarrowNav.tsx"), "NarrowNav");
const AdminMenu = lazyPage(() => import("./AdminMenu.tsx"), "AdminMenu");

/**
 * One admin section is a plain link; more are one menu, whose popover machinery loads after
 * the page, as the narrow menu's does. Until it has, its button is drawn, inactive.
 */
function AdminLinks({ sections }: { sections: AdminSection[] }) {
  const { t } = useTranslation();
  const [only] = sections;
  if (!only) return null;
  if (sections.length === 1) return <NavButton to={only.to}>{t(only.label)}</NavButton>;
  return (
    <Suspense
      fallback={
        <Button variant="subtle" size="compact-md" rightSection={<MenuCaret />} disabled>
          {t("nav.admin")}
        </Button>
      }
    >
      <AdminMenu sections={sections} />
    </Suspense>
  );
}

/**
 * The menu, and the popover machinery behind it, is needed only where the links do not fit: it
 * loads there, after the page. Until it has, its button is drawn, inactive.
 */
function NarrowNavSlot({
  admin,
  breakpoint,
  requests,
}: {
  admin: AdminSection[];
  breakpoint: NavBreakpoint;
  requests: string | null;
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
      <NarrowNav admin={admin} breakpoint={breakpoint} requests={requests} />
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
  // One short page of the people who asked me, for the count beside "Friends". An account that
  // must change its password first can do nothing else, this included.
  const incoming = useQuery({
    ...trpc.friends.requests.queryOptions({ direction: "incoming", limit: REQUEST_COUNT_MAX }),
    enabled: signedIn && me.data?.password_change_required === false,
  });
  const requestCount = signedIn && incoming.data ? requestCountLabel(incoming.data) : null;
  // Links only for the sections the account's permissions open; the pages check again.
  const admin = signedIn ? adminSectionsFor(me.data) : [];
  const wide = pathname.startsWith("/admin");
  // A member's five links fit from a small laptop's width, on a header wider than the page. The
  // admin sections add one button, whose label is long in Russian: that row folds into the
  // menu below a larger width.
  const withAdmin = admin.length > 0;
  const breakpoint: NavBreakpoint = withAdmin ? "lg" : "md";
  const headerSize = signedIn ? "lg" : "md";

  return (
    <div className={classes.shell}>
      {/* A dialog's scroll lock hides the scroll bar; with this class the header does not shift. */}
      <header className={`${classes.header} right-scroll-bar-position`}>
        <Container size={headerSize} fluid={wide}>
          <Group mih="var(--header-height)" justify="space-between" wrap="nowrap">
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
                    <NavButton to="/people">{t("people.nav")}</NavButton>
                    <NavButton
                      to="/friends"
                      count={requestCount}
                      countLabel={t("friends.newRequests", { number: requestCount })}
                    >
                      {t("friends.nav")}
                    </NavButton>
                    <NavButton to="/security">{t("nav.security")}</NavButton>
                    <NavButton to="/qr">{t("nav.qr")}</NavButton>
                    <AdminLinks sections={admin} />
                  </Group>
                  <NarrowNavSlot admin={admin} breakpoint={breakpoint} requests={requestCount} />
                </>
              )}
            </Group>
            <Group gap="sm" wrap="nowrap">
              <LanguageSwitch />
              {signedIn ? (
                <>
                  {me.data && (
                    <Text size="sm" c="dimmed" visibleFrom="xl">
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
