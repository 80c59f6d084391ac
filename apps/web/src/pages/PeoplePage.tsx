import { Group, Loader, Stack, Text, TextInput } from "@mantine/core";
import { useDebouncedCallback } from "@mantine/hooks";
import { keepPreviousData, useInfiniteQuery } from "@tanstack/react-query";
import { useState, type FormEvent } from "react";
import { useTranslation } from "react-i18next";
import { useSearchParams } from "react-router";

import { PROFILE_SEARCH_MIN } from "@kabinet/contracts";

import { EmptyResult } from "../admin/components/EmptyResult.tsx";
import { LoadMore } from "../admin/components/LoadMore.tsx";
import { QueryProblem } from "../admin/components/QueryProblem.tsx";
import { TableSkeleton } from "../admin/components/TableSkeleton.tsx";
import { PageHeader } from "../components/PageHeader.tsx";
import { PEOPLE_PAGE_SIZE, SEARCH_MAX, searchableName } from "../people/people-search.ts";
import { PeopleList, PersonRow } from "../people/PersonRow.tsx";
import { usePagerFocus } from "../people/use-pager-focus.ts";
import { useTRPC } from "../trpc.ts";

/** How long typing has to pause before the search runs. */
const DEBOUNCE_MS = 300;

/**
 * The name in the address (`?name=`) is the search: it can be shared and reloaded, and going
 * back returns to it. What is typed reaches the address once typing pauses, or at once on Enter.
 */
function useNameInAddress() {
  const [params, setParams] = useSearchParams();
  const inAddress = params.get("name") ?? "";
  const [typed, setTyped] = useState(inAddress);
  const write = (name: string) => {
    const next = name.trim().slice(0, SEARCH_MAX);
    if (next !== inAddress) setParams(next ? { name: next } : {}, { replace: true });
  };
  const writeSoon = useDebouncedCallback(write, DEBOUNCE_MS);
  // A change of the address from elsewhere (a link, going back) is what the box shows next.
  const [seen, setSeen] = useState(inAddress);
  if (inAddress !== seen) {
    setSeen(inAddress);
    if (inAddress !== typed.trim()) setTyped(inAddress);
  }
  return {
    typed,
    name: inAddress,
    type: (value: string) => {
      setTyped(value);
      writeSoon(value);
    },
    submit: () => {
      writeSoon.cancel();
      write(typed);
    },
  };
}

export function PeoplePage() {
  const { t } = useTranslation();
  const trpc = useTRPC();
  const { typed, type, name, submit } = useNameInAddress();
  const searchable = searchableName(name);
  const search = useInfiniteQuery({
    ...trpc.profiles.search.infiniteQueryOptions(
      { name: searchable ?? "", limit: PEOPLE_PAGE_SIZE },
      { getNextPageParam: (last) => last.next_cursor, placeholderData: keepPreviousData },
    ),
    enabled: searchable !== null,
  });
  const people = search.data?.pages.flatMap((page) => page.items) ?? [];
  const { listRef, pager } = usePagerFocus(search, people.length);
  const shown = searchable !== null && search.data !== undefined;

  /** What the search has come to, said as it changes. */
  let status = "";
  if (typed.trim() !== "" && searchableName(typed) === null) {
    status = t("people.tooShort", { min: PROFILE_SEARCH_MIN });
  } else if (searchable !== null && search.isPending) {
    status = t("people.searching");
  } else if (shown) {
    status = search.hasNextPage
      ? t("people.foundMore", { number: people.length })
      : t("people.found", { number: people.length });
  }

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    submit();
  };

  return (
    <Stack gap="md">
      <PageHeader title={t("people.title")} hint={t("people.hint")} />
      <form role="search" onSubmit={onSubmit}>
        <TextInput
          type="search"
          label={t("people.search")}
          description={t("people.searchHint")}
          placeholder={t("people.searchPlaceholder")}
          value={typed}
          maxLength={SEARCH_MAX}
          autoComplete="off"
          onChange={(event) => type(event.currentTarget.value)}
          data-testid="people-search"
        />
      </form>
      <Group gap="xs" mih={24}>
        <Text size="sm" c="dimmed" role="status" data-testid="people-status">
          {status}
        </Text>
        {shown && search.isPlaceholderData && <Loader size="xs" aria-label={t("common.loading")} />}
      </Group>
      {searchable !== null && search.isPending && <TableSkeleton rows={3} />}
      {searchable !== null && search.isError && !search.isFetchNextPageError && (
        <QueryProblem
          error={search.error}
          onRetry={() => void search.refetch()}
          retrying={search.isFetching}
        />
      )}
      {shown &&
        (people.length === 0 ? (
          <EmptyResult>{t("people.empty", { name: searchable })}</EmptyResult>
        ) : (
          <>
            <PeopleList label={t("people.results")} listRef={listRef}>
              {people.map((person) => (
                <PersonRow key={person.user_id} person={person} data-testid="person-row" />
              ))}
            </PeopleList>
            <LoadMore pager={pager} />
          </>
        ))}
    </Stack>
  );
}
