import { MantineProvider } from "@mantine/core";
import { QueryClientProvider } from "@tanstack/react-query";
import { useEffect, useState } from "react";
import { BrowserRouter, Navigate, Route, Routes } from "react-router";

import { adminRoutes } from "./admin/routes.tsx";
import { AppLayout } from "./components/AppLayout.tsx";
import { lazyPage } from "./components/lazy-page.ts";
import { PublicOnly, RequireSession } from "./components/RouteGuards.tsx";
import { SignedInArea } from "./components/SignedInArea.tsx";
import { getSessionStatus, subscribeSession } from "./session/session.ts";
import { cssVariablesResolver, theme } from "./theme.ts";
import { createApiClient, createQueryClient, TRPCProvider } from "./trpc.ts";

// Each page's code loads when it is first shown: a visitor signing in never loads the forms of
// the profile, and the QR page's drawing library waits until a code is asked for.
const SignInPage = lazyPage(() => import("./pages/SignInPage.tsx"), "SignInPage");
const SignUpPage = lazyPage(() => import("./pages/SignUpPage.tsx"), "SignUpPage");
const ProfilePage = lazyPage(() => import("./pages/ProfilePage.tsx"), "ProfilePage");
const SecurityPage = lazyPage(() => import("./pages/SecurityPage.tsx"), "SecurityPage");
const MyQrPage = lazyPage(() => import("./pages/MyQrPage.tsx"), "MyQrPage");
const peoplePages = () => import("./people/pages.ts");
const PeoplePage = lazyPage(peoplePages, "PeoplePage");
const PersonPage = lazyPage(peoplePages, "PersonPage");
const FriendsPage = lazyPage(peoplePages, "FriendsPage");
const NotFoundPage = lazyPage(() => import("./pages/NotFoundPage.tsx"), "NotFoundPage");

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
            <Route path="/qr" element={<MyQrPage />} />
            <Route path="/people" element={<PeoplePage />} />
            <Route path="/people/:id" element={<PersonPage />} />
            <Route path="/friends" element={<FriendsPage />} />
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
    <MantineProvider
      theme={theme}
      cssVariablesResolver={cssVariablesResolver}
      defaultColorScheme="light"
    >
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
