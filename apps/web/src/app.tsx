import { createTheme, MantineProvider } from "@mantine/core";
import { QueryClientProvider } from "@tanstack/react-query";
import { lazy, Suspense, useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import { BrowserRouter, Navigate, Route, Routes } from "react-router";

import { adminRoutes } from "./admin/routes.tsx";
import { AppLayout } from "./components/AppLayout.tsx";
import { PageLoader } from "./components/PageLoader.tsx";
import { PublicOnly, RequireSession } from "./components/RouteGuards.tsx";
import { SignedInArea } from "./components/SignedInArea.tsx";
import { NotFoundPage } from "./pages/NotFoundPage.tsx";
import { ProfilePage } from "./pages/ProfilePage.tsx";
import { SecurityPage } from "./pages/SecurityPage.tsx";
import { SignInPage } from "./pages/SignInPage.tsx";
import { SignUpPage } from "./pages/SignUpPage.tsx";
import { getSessionStatus, subscribeSession } from "./session/session.ts";
import { createApiClient, createQueryClient, TRPCProvider } from "./trpc.ts";

// The QR page and its drawing library load when a code is first asked for.
const MyQrPage = lazy(() => import("./pages/MyQrPage.tsx").then((m) => ({ default: m.MyQrPage })));

function MyQrRoute() {
  const { t } = useTranslation();
  return (
    <Suspense fallback={<PageLoader label={t("common.loading")} />}>
      <MyQrPage />
    </Suspense>
  );
}

const theme = createTheme({
  primaryColor: "indigo",
  defaultRadius: "md",
  fontFamily:
    "system-ui, -apple-system, 'Segoe UI', Roboto, 'Noto Sans', 'Helvetica Neue', Arial, sans-serif",
});

export function AppRoutes() {
  return (
    <Routes>
      <Route element={<AppLayout />}>
        <Route element={<PublicOnly />}>
          <Route path="/sign-in" element={<SignInPage />} />
          <Route path="/sign-up" element={<SignUpPage />} />
        </Route>
        <Route element={<RequireSession />}>
          <Route element={<SignedInArea />}>
            <Route index element={<Navigate to="/profile" replace />} />
            <Route path="/profile" element={<ProfilePage />} />
            <Route path="/security" element={<SecurityPage />} />
            <Route path="/qr" element={<MyQrRoute />} />
            {adminRoutes()}
          </Route>
        </Route>
        <Route path="*" element={<NotFoundPage />} />
      </Route>
    </Routes>
  );
}

export function App() {
  const [queryClient] = useState(createQueryClient);
  const [apiClient] = useState(createApiClient);
  // Nothing of one account may outlive its session in the cache.
  useEffect(
    () =>
      subscribeSession(() => {
        if (getSessionStatus() === "signed-out") queryClient.clear();
      }),
    [queryClient],
  );
  return (
    <MantineProvider theme={theme} defaultColorScheme="light">
      <QueryClientProvider client={queryClient}>
        <TRPCProvider trpcClient={apiClient} queryClient={queryClient}>
          <BrowserRouter>
            <AppRoutes />
          </BrowserRouter>
        </TRPCProvider>
      </QueryClientProvider>
    </MantineProvider>
  );
}
