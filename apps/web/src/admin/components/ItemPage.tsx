import { Stack } from "@mantine/core";
import type { UseQueryResult } from "@tanstack/react-query";
import { Fragment, type ReactNode } from "react";

import type { ErrorCode } from "@kabinet/contracts";

import { ProblemAlert } from "../../components/ProblemAlert.tsx";
import { problemOf, problemWithCode } from "../../problems.ts";
import { useIdParam } from "../use-id-param.ts";
import { BackLink } from "./BackLink.tsx";
import { QueryProblem } from "./QueryProblem.tsx";

/** A kind of item with a page of its own: a user, a group, a device. */
export interface ItemKind {
  /** The API's answer for an item that is not there. */
  code: ErrorCode;
  /** The list the page leads back to, and the link's words. */
  back: string;
  backLabel: string;
}

/** An address whose item does not exist (or never could: a malformed id). */
function NotFoundItem({ code, back, backLabel }: ItemKind) {
  return (
    <Stack gap="md">
      <BackLink to={back}>{backLabel}</BackLink>
      <ProblemAlert error={problemWithCode(code, 404)} />
    </Stack>
  );
}

/**
 * An item's page for the `:id` of the address. Keyed by the id, so that moving to another item
 * starts from a clean state.
 */
export function ItemRoute({
  kind,
  children,
}: {
  kind: ItemKind;
  children: (id: number) => ReactNode;
}) {
  const id = useIdParam();
  if (id === undefined) return <NotFoundItem {...kind} />;
  return <Fragment key={id}>{children(id)}</Fragment>;
}

/** A loaded item; its skeleton while it loads; else why not: not there, or a failure to retry. */
export function ItemQuery<T>({
  query,
  kind,
  skeleton,
  children,
}: {
  query: UseQueryResult<T, unknown>;
  kind: ItemKind;
  skeleton: ReactNode;
  children: (item: T) => ReactNode;
}) {
  if (query.isPending) return skeleton;
  if (query.isError) {
    if (problemOf(query.error).code === kind.code) return <NotFoundItem {...kind} />;
    return (
      <QueryProblem
        error={query.error}
        onRetry={() => void query.refetch()}
        retrying={query.isFetching}
      />
    );
  }
  return children(query.data);
}
