import { Alert, Stack, Text, Title } from "@mantine/core";
import { useInfiniteQuery, useQueryClient } from "@tanstack/react-query";
import { useEffect, useRef, useState } from "react";
import { useTranslation } from "react-i18next";

import { useSignedInUser } from "../../components/SignedInArea.tsx";
import { useTRPC } from "../../trpc.ts";
import { EmptyResult } from "../components/EmptyResult.tsx";
import { LoadMore } from "../components/LoadMore.tsx";
import { QueryProblem } from "../components/QueryProblem.tsx";
import { TableSkeleton } from "../components/TableSkeleton.tsx";
import type { ReviewOutcome } from "./review-outcome.ts";
import { ReviewItem } from "./ReviewItem.tsx";

const QUEUE_PAGE_SIZE = 20;

/** The student-card scans awaiting review, oldest first, each approved or rejected here. */
export function ConfirmationsPage() {
  const { t } = useTranslation();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const me = useSignedInUser();
  const [outcome, setOutcome] = useState<{ kind: ReviewOutcome; name: string } | null>(null);
  const outcomeRef = useRef<HTMLDivElement>(null);
  const queue = useInfiniteQuery(
    trpc.confirmations.queue.infiniteQueryOptions(
      { limit: QUEUE_PAGE_SIZE },
      // Other reviewers work through the same queue: opening the page reads it afresh.
      { getNextPageParam: (last) => last.next_cursor, staleTime: 0 },
    ),
  );
  const requests = queue.data?.pages.flatMap((page) => page.items) ?? [];

  // The decided request leaves the list; the focus goes to the message saying what happened.
  useEffect(() => {
    if (outcome) outcomeRef.current?.focus();
  }, [outcome]);

  const onOutcome = (kind: ReviewOutcome, name: string) => {
    setOutcome({ kind, name });
    void queryClient.invalidateQueries({ queryKey: trpc.confirmations.queue.pathKey() });
  };

  return (
    <Stack gap="md">
      <Stack gap={4}>
        <Title order={1} fz="h2">
          {t("reviewQueue.title")}
        </Title>
        <Text size="sm" c="dimmed">
          {t("reviewQueue.hint")}
        </Text>
      </Stack>
      {outcome && (
        <Alert
          ref={outcomeRef}
          tabIndex={-1}
          color={outcome.kind === "decidedElsewhere" ? "yellow" : "green"}
          variant="light"
          role="status"
          data-testid="review-outcome"
        >
          {t(`reviewQueue.${outcome.kind}`, { name: outcome.name })}
        </Alert>
      )}
      {queue.isPending && <TableSkeleton rows={4} />}
      {queue.isError && !queue.isFetchNextPageError && (
        <QueryProblem
          error={queue.error}
          onRetry={() => void queue.refetch()}
          retrying={queue.isFetching}
        />
      )}
      {queue.data && (
        <>
          {requests.length === 0 ? (
            <EmptyResult>{t("reviewQueue.empty")}</EmptyResult>
          ) : (
            requests.map((request) => (
              <ReviewItem
                key={request.id}
                request={request}
                own={request.user.id === me.id}
                onOutcome={onOutcome}
              />
            ))
          )}
          <LoadMore pager={queue} />
        </>
      )}
    </Stack>
  );
}
