import { Skeleton, Stack } from "@mantine/core";
import { useQuery } from "@tanstack/react-query";
import { useTranslation } from "react-i18next";

import { mayChangeGroup } from "@kabinet/contracts";

import { useSignedInUser } from "../../components/SignedInArea.tsx";
import { problemOf } from "../../problems.ts";
import { useTRPC } from "../../trpc.ts";
import { BackLink } from "../components/BackLink.tsx";
import { NotFoundItem } from "../components/NotFoundItem.tsx";
import { QueryProblem } from "../components/QueryProblem.tsx";
import { useIdParam } from "../use-id-param.ts";
import { GroupEditForm } from "./GroupEditForm.tsx";
import { GroupMembers } from "./GroupMembers.tsx";
import { GroupReadOnly } from "./GroupReadOnly.tsx";

function GroupDetail({ id }: { id: number }) {
  const { t } = useTranslation();
  const trpc = useTRPC();
  const me = useSignedInUser();
  const group = useQuery(trpc.groups.get.queryOptions({ id }));
  if (group.isPending) {
    return (
      <Stack gap="md" aria-busy="true">
        <Skeleton height={260} radius="md" />
        <Skeleton height={200} radius="md" />
      </Stack>
    );
  }
  if (group.isError) {
    if (problemOf(group.error).code === "group_not_found") {
      return (
        <NotFoundItem
          code="group_not_found"
          back="/admin/groups"
          backLabel={t("admin.groups.back")}
        />
      );
    }
    return (
      <QueryProblem
        error={group.error}
        onRetry={() => void group.refetch()}
        retrying={group.isFetching}
      />
    );
  }
  const changeable = mayChangeGroup(me, group.data);
  return (
    <Stack gap="md">
      <BackLink to="/admin/groups">{t("admin.groups.back")}</BackLink>
      {/* The server's rule: a group granting anything one does not hold is read-only. */}
      {changeable ? <GroupEditForm group={group.data} /> : <GroupReadOnly group={group.data} />}
      <GroupMembers group={group.data} changeable={changeable} />
    </Stack>
  );
}

export function GroupDetailPage() {
  const { t } = useTranslation();
  const id = useIdParam();
  if (id === undefined)
    return (
      <NotFoundItem
        code="group_not_found"
        back="/admin/groups"
        backLabel={t("admin.groups.back")}
      />
    );
  return <GroupDetail key={id} id={id} />;
}
