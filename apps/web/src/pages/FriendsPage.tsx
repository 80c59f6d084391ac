import { Alert, Badge, Button, Stack } from "@mantine/core";
import { useInfiniteQuery } from "@tanstack/react-query";
import { useEffect, useRef, useState, type ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";

import type { FriendRequest } from "@kabinet/contracts";

import { EmptyResult } from "../admin/components/EmptyResult.tsx";
import { LoadMore, type Pager } from "../admin/components/LoadMore.tsx";
import { QueryProblem } from "../admin/components/QueryProblem.tsx";
import { TableSkeleton } from "../admin/components/TableSkeleton.tsx";
import { PageHeader } from "../components/PageHeader.tsx";
import { ProblemAlert } from "../components/ProblemAlert.tsx";
import { SectionCard } from "../components/SectionCard.tsx";
import { formatDay } from "../format/dates.ts";
import { outcomeOf, type FriendAction, type FriendOutcome } from "../friends/friendship.ts";
import { useFriendAction } from "../friends/use-friend-action.ts";
import { useRequestPages } from "../friends/use-request-pages.ts";
import { PeopleList, PersonRow } from "../people/PersonRow.tsx";
import { usePagerFocus } from "../people/use-pager-focus.ts";
import { useTRPC } from "../trpc.ts";

const PAGE_SIZE = 20;

/** What the last action came to: said where the focus moves once the person's entry is gone. */
interface Report {
  outcome: FriendOutcome;
  name: string;
}

function ActionReport({ report }: { report: Report | null }) {
  const { t } = useTranslation();
  const alert = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (report) alert.current?.focus();
  }, [report]);
  if (!report) return null;
  return (
    <Alert ref={alert} tabIndex={-1} color="green" variant="light" data-testid="friend-report">
      {t(`friends.outcome.${report.outcome}`, { name: report.name })}
    </Alert>
  );
}

type FriendChange = ReturnType<typeof useFriendAction>;

/** A request, incoming or mine, with the buttons that answer or withdraw it. */
function RequestRow({ request, change }: { request: FriendRequest; change: FriendChange }) {
  const { t, i18n } = useTranslation();
  const incoming = request.direction === "incoming";
  const actions: FriendAction[] = incoming ? ["accept", "decline"] : ["cancel"];
  const date = formatDay(request.requested_at, i18n.language);
  const mine = change.variables?.userId === request.user_id;
  return (
    <PersonRow
      person={request}
      data-testid={incoming ? "incoming-request" : "outgoing-request"}
      detail={
        <>
          {!incoming && (
            <Badge color="yellow" variant="light" size="sm" mr="xs" component="span">
              {t("friends.pending")}
            </Badge>
          )}
          {t(incoming ? "friends.requestedAt" : "friends.sentAt", { date })}
        </>
      }
      actions={
        <>
          {actions.map((action) => (
            <Button
              key={action}
              size="xs"
              variant={action === "accept" ? "filled" : "default"}
              aria-label={t("friends.actionFor", {
                action: t(`friends.actions.${action}`),
                name: request.display_name,
              })}
              loading={change.isPending && mine && change.variables.action === action}
              disabled={change.isPending}
              onClick={() =>
                change.mutate({
                  userId: request.user_id,
                  name: request.display_name,
                  action,
                  before: incoming ? "pending_incoming" : "pending_outgoing",
                })
              }
            >
              {t(`friends.actions.${action}`)}
            </Button>
          ))}
          {change.isError && mine && <ProblemAlert error={change.error} />}
        </>
      }
    />
  );
}

/** What `ListSection` reads of an infinite query of people. */
interface PeopleQuery<T> extends Pager {
  data: { pages: Array<{ items: T[] }> } | undefined;
  isPending: boolean;
  isError: boolean;
  isFetching: boolean;
  refetch: () => Promise<unknown>;
}

/** One of the page's lists on a card of its own: its loading, failure and empty states. */
function ListSection<T>({
  id,
  title,
  query,
  empty,
  render,
}: {
  id: string;
  title: string;
  query: PeopleQuery<T>;
  empty: ReactNode;
  render: (item: T) => ReactNode;
}) {
  const items = query.data?.pages.flatMap((page) => page.items) ?? [];
  const { listRef, pager } = usePagerFocus(query, items.length);
  return (
    <SectionCard titleId={id} title={title} data-testid={id}>
      {query.isPending && <TableSkeleton rows={2} />}
      {query.isError && !query.isFetchNextPageError && (
        <QueryProblem
          error={query.error}
          onRetry={() => void query.refetch()}
          retrying={query.isFetching}
        />
      )}
      {query.data &&
        (items.length === 0 ? (
          empty
        ) : (
          <>
            <PeopleList label={title} listRef={listRef}>
              {items.map(render)}
            </PeopleList>
            <LoadMore pager={pager} />
          </>
        ))}
    </SectionCard>
  );
}

/** My friends, the requests waiting for my answer before them, and mine waiting for theirs. */
export function FriendsPage() {
  const { t, i18n } = useTranslation();
  const trpc = useTRPC();
  const [report, setReport] = useState<Report | null>(null);
  const change = useFriendAction((relation, { action, name }) =>
    setReport({ outcome: outcomeOf(action, relation.status), name }),
  );
  const incoming = useRequestPages("incoming", PAGE_SIZE);
  const friends = useInfiniteQuery(
    trpc.friends.list.infiniteQueryOptions(
      { limit: PAGE_SIZE },
      { getNextPageParam: (last) => last.next_cursor },
    ),
  );
  const outgoing = useRequestPages("outgoing", PAGE_SIZE);
  const noOutgoing = outgoing.data?.pages[0]?.items.length === 0;
  const findPeople = (
    <Button component={Link} to="/people" variant="light">
      {t("people.findPeople")}
    </Button>
  );

  return (
    <Stack gap="lg">
      <PageHeader title={t("friends.title")} hint={t("friends.hint")}>
        {findPeople}
      </PageHeader>
      <ActionReport report={report} />
      <ListSection
        id="incoming-requests"
        title={t("friends.incoming")}
        query={incoming}
        empty={<EmptyResult>{t("friends.incomingEmpty")}</EmptyResult>}
        render={(request) => <RequestRow key={request.user_id} request={request} change={change} />}
      />
      <ListSection
        id="friend-list"
        title={t("friends.list")}
        query={friends}
        empty={
          <Stack gap="sm" align="center">
            <EmptyResult>{t("friends.listEmpty")}</EmptyResult>
            {findPeople}
          </Stack>
        }
        render={(friend) => (
          <PersonRow
            key={friend.user_id}
            person={friend}
            detail={t("friends.since", { date: formatDay(friend.since, i18n.language) })}
            data-testid="friend"
          />
        )}
      />
      {!noOutgoing && (
        <ListSection
          id="outgoing-requests"
          title={t("friends.outgoing")}
          query={outgoing}
          empty={null}
          render={(request) => (
            <RequestRow key={request.user_id} request={request} change={change} />
          )}
        />
      )}
    </Stack>
  );
}
