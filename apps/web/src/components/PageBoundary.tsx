import { Component, Suspense, type ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { useLocation } from "react-router";

import { problemWithCode } from "../problems.ts";
import { PageLoader } from "./PageLoader.tsx";
import { ProblemAlert } from "./ProblemAlert.tsx";

function PageFailed() {
  const { t } = useTranslation();
  return (
    <ProblemAlert
      // A page whose code did not arrive: almost always the network.
      error={problemWithCode("network_error")}
      title={t("common.pageFailed")}
      // React keeps a failed import as failed: only a reload asks for the code again.
      onRetry={() => window.location.reload()}
    />
  );
}

class FailureBoundary extends Component<{ children: ReactNode }, { failed: boolean }> {
  override state = { failed: false };

  static getDerivedStateFromError() {
    return { failed: true };
  }

  override render() {
    return this.state.failed ? <PageFailed /> : this.props.children;
  }
}

/** Where pages load: a loader while their code arrives, a way to try again if it does not. */
export function PageBoundary({ children }: { children: ReactNode }) {
  const { t } = useTranslation();
  const { pathname } = useLocation();
  return (
    // Keyed by the address, so that moving elsewhere leaves a failure behind.
    <FailureBoundary key={pathname}>
      <Suspense fallback={<PageLoader label={t("common.loading")} />}>{children}</Suspense>
    </FailureBoundary>
  );
}
