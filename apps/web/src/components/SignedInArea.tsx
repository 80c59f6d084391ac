import { Skeleton, Stack } from "@mantine/core";
import { useQuery } from "@tanstack/react-query";
import { useTranslation } from "react-i18next";
import { Outlet, useOutletContext } from "react-router";

import type { User } from "@kabinet/contracts";

import { useTRPC } from "../trpc.ts";
import { lazyPage } from "./lazy-page.ts";
import { ProblemAlert } from "./ProblemAlert.tsx";

// Needed only after an administrator's reset, so the password form loads when it is.
const ForcedPasswordChange = lazyPage(
  () => import("./ForcedPasswordChange.tsx"),
  "ForcedPasswordChange",
);

/** Cards of these heights, while what they will hold loads. */
export function CardsSkeleton({ heights }: { heights: number[] }) {
  return (
    <Stack gap="md" aria-busy="true">
      {heights.map((height, index) => (
        <Skeleton key={index} height={height} radius="md" />
      ))}
    </Stack>
  );
}

export function ProfileSkeleton() {
  return <CardsSkeleton heights={[96, 180, 120]} />;
}

/** Loads my account once for every signed-in page; a one-time password must be replaced first. */
export function SignedInArea() {
  const { t } = useTranslation();
  const trpc = useTRPC();
  const me = useQuery(trpc.me.get.queryOptions({}));
  if (me.isPending) return <ProfileSkeleton />;
  if (me.isError) {
    return (
      <ProblemAlert
        error={me.error}
        title={t("common.loadFailed")}
        onRetry={() => void me.refetch()}
        retrying={me.isFetching}
      />
    );
  }
  if (me.data.password_change_required) return <ForcedPasswordChange user={me.data} />;
  return <Outlet context={me.data satisfies User} />;
}

export function useSignedInUser(): User {
  return useOutletContext<User>();
}
