import { Button, Table, Text } from "@mantine/core";
import { useInfiniteQuery, useMutation } from "@tanstack/react-query";
import { useTranslation } from "react-i18next";

import type { Group as GroupData, UserSummary } from "@kabinet/contracts";

import { ProblemAlert } from "../../components/ProblemAlert.tsx";
import { fullName } from "../../components/ProfileView.tsx";
import { SectionCard } from "../../components/SectionCard.tsx";
import { useSignedInUser } from "../../components/SignedInArea.tsx";
import { useTRPC } from "../../trpc.ts";
import { hasPermission } from "../access.ts";
import { DataTable, MaybeLink } from "../components/DataTable.tsx";
import { EmptyResult } from "../components/EmptyResult.tsx";
import { LoadMore } from "../components/LoadMore.tsx";
import { QueryProblem } from "../components/QueryProblem.tsx";
import { RoleBadge, StateBadge } from "../components/StateBadges.tsx";
import { TableSkeleton } from "../components/TableSkeleton.tsx";
import { useInvalidate } from "../invalidate.ts";
import { AddMemberForm } from "./AddMemberForm.tsx";

function MemberRow({
  groupId,
  member,
  linked,
  changeable,
}: {
  groupId: number;
  member: UserSummary;
  linked: boolean;
  changeable: boolean;
}) {
  const { t } = useTranslation();
  const trpc = useTRPC();
  const invalidate = useInvalidate();
  const remove = useMutation(
    trpc.groups.removeMember.mutationOptions({
      onSuccess: () =>
        void invalidate(
          trpc.groups.pathKey(),
          trpc.users.pathKey(),
          trpc.me.get.queryKey(),
          trpc.logs.pathKey(),
        ),
    }),
  );
  const name = fullName({ ...member, patronymic: null });
  return (
    <Table.Tr data-testid="member-row">
      <Table.Td>
        <MaybeLink to={linked ? `/admin/users/${member.id}` : undefined} bold>
          {name}
        </MaybeLink>
        {remove.isError && <ProblemAlert error={remove.error} />}
      </Table.Td>
      <Table.Td>
        <Text size="sm">@{member.login}</Text>
      </Table.Td>
      <Table.Td>
        <RoleBadge role={member.role} />
      </Table.Td>
      <Table.Td>
        <StateBadge state={member.state} />
      </Table.Td>
      {changeable && (
        <Table.Td ta="right">
          <Button
            size="xs"
            variant="subtle"
            color="red"
            loading={remove.isPending}
            aria-label={t("admin.groups.removeMemberLabel", { login: member.login })}
            onClick={() => remove.mutate({ id: groupId, user_id: member.id })}
          >
            {t("admin.groups.removeMember")}
          </Button>
        </Table.Td>
      )}
    </Table.Tr>
  );
}

/** A group's members; adding and removing them only where the group may be changed. */
export function GroupMembers({ group, changeable }: { group: GroupData; changeable: boolean }) {
  const { t } = useTranslation();
  const trpc = useTRPC();
  const linked = hasPermission(useSignedInUser(), "users:read");
  const members = useInfiniteQuery(
    trpc.groups.members.infiniteQueryOptions(
      { id: group.id, limit: 20 },
      { getNextPageParam: (last) => last.next_cursor },
    ),
  );
  const items = members.data?.pages.flatMap((page) => page.items) ?? [];
  return (
    <SectionCard
      titleId="members-title"
      title={t("admin.groups.membersTitle", { total: group.member_count })}
      hint={changeable ? undefined : t("admin.groups.membersReadOnly")}
    >
      {changeable && <AddMemberForm groupId={group.id} />}
      {members.isPending && <TableSkeleton rows={3} />}
      {members.isError && !members.isFetchNextPageError && (
        <QueryProblem
          error={members.error}
          onRetry={() => void members.refetch()}
          retrying={members.isFetching}
        />
      )}
      {members.data &&
        (items.length === 0 ? (
          <EmptyResult>{t("admin.groups.noMembers")}</EmptyResult>
        ) : (
          <DataTable
            label={t("admin.groups.members")}
            minWidth={640}
            striped={false}
            highlightOnHover={false}
            columns={[
              t("admin.users.columns.name"),
              t("fields.login"),
              t("profile.role"),
              t("profile.state"),
              ...(changeable ? [""] : []),
            ]}
          >
            {items.map((member) => (
              <MemberRow
                key={member.id}
                groupId={group.id}
                member={member}
                linked={linked}
                changeable={changeable}
              />
            ))}
          </DataTable>
        ))}
      <LoadMore pager={members} />
    </SectionCard>
  );
}
