import { Stack } from "@mantine/core";
import { useQuery } from "@tanstack/react-query";
import { useTranslation } from "react-i18next";

import { mayChangeGroup } from "@kabinet/contracts";

import { CardsSkeleton, useSignedInUser } from "../../components/SignedInArea.tsx";
import { useTRPC } from "../../trpc.ts";
import { BackLink } from "../components/BackLink.tsx";
import { ItemQuery, ItemRoute, type ItemKind } from "../components/ItemPage.tsx";
import { GroupEditForm } from "./GroupEditForm.tsx";
import { GroupMembers } from "./GroupMembers.tsx";
import { GroupReadOnly } from "./GroupReadOnly.tsx";

function GroupDetail({ id, kind }: { id: number; kind: ItemKind }) {
  const trpc = useTRPC();
  const me = useSignedInUser();
  const group = useQuery(trpc.groups.get.queryOptions({ id }));
  return (
    <ItemQuery query={group} kind={kind} skeleton={<CardsSkeleton heights={[260, 200]} />}>
      {(data) => (
        <Stack gap="md">
          <BackLink to={kind.back}>{kind.backLabel}</BackLink>
          {/* The server's rule: a group granting anything one does not hold is read-only. */}
          {mayChangeGroup(me, data) ? (
            <GroupEditForm group={data} />
          ) : (
            <GroupReadOnly group={data} />
          )}
          <GroupMembers group={data} changeable={mayChangeGroup(me, data)} />
        </Stack>
      )}
    </ItemQuery>
  );
}

export function GroupDetailPage() {
  const { t } = useTranslation();
  const kind = {
    code: "group_not_found",
    back: "/admin/groups",
    backLabel: t("admin.groups.back"),
  } as const;
  return <ItemRoute kind={kind}>{(id) => <GroupDetail id={id} kind={kind} />}</ItemRoute>;
}
