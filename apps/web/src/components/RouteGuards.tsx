import { Stack } from "@mantine/core";
import { useTranslation } from "react-i18next";
import { Navigate, Outlet, useLocation, type Location } from "react-router";

import { problemWithCode } from "../problems.ts";
import { restoreSession, sessionEndedByUser } from "../session/session.ts";
import { useSessionStatus } from "../session/use-session.ts";
import { PageLoader } from "./PageLoader.tsx";
import { ProblemAlert } from "./ProblemAlert.tsx";

function SessionUnavailable() {
  const { t } = useTranslation();
  return (
    <Stack maw={560} mx="auto" mt="xl">
      <ProblemAlert
        error={problemWithCode("network_error")}
        title={t("session.unavailableTitle")}
        onRetry={() => void restoreSession()}
      />
    </Stack>
  );
}

/** Signed-out visitors go to sign-in, and come back where they were headed afterwards (unless they signed out). */
export function RequireSession() {
  const { t } = useTranslation();
  const status = useSessionStatus();
  const location = useLocation();
  if (status === "restoring") return <PageLoader label={t("session.restoring")} />;
  if (status === "unavailable") return <SessionUnavailable />;
  if (status === "signed-out") {
    return (
      <Navigate
        to="/sign-in"
        replace
        state={sessionEndedByUser() ? undefined : { from: location }}
      />
    );
  }
  return <Outlet />;
}

/** Sign-in and sign-up: a signed-in visitor is sent on to where they were going. */
export function PublicOnly() {
  const { t } = useTranslation();
  const status = useSessionStatus();
  const location = useLocation();
  if (status === "restoring") return <PageLoader label={t("session.restoring")} />;
  if (status === "signed-in") {
    const from = (location.state as { from?: Location } | null)?.from;
    return <Navigate to={from ? `${from.pathname}${from.search}` : "/profile"} replace />;
  }
  return <Outlet />;
}
