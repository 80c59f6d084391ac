import { Anchor, Group, Paper, Stack, Text } from "@mantine/core";
import type { ReactNode, Ref } from "react";
import { Link } from "react-router";

import type { PublicProfile } from "@kabinet/contracts";

import { UserAvatar } from "../components/UserAvatar.tsx";
import { ConfirmedBadge } from "./ConfirmedBadge.tsx";

/** The address of someone's public profile. */
export const personPath = (userId: number) => `/people/${userId}`;

interface PersonRowProps {
  person: Pick<PublicProfile, "user_id" | "display_name" | "pic" | "confirmed">;
  /** A dimmed line under the name: since when, a status. */
  detail?: ReactNode;
  /** Buttons about this person, on the right (below the name on a phone). */
  actions?: ReactNode;
  "data-testid"?: string;
}

/** One person of a list, as an item of it: their avatar and name, which leads to their profile. */
export function PersonRow({ person, detail, actions, "data-testid": testId }: PersonRowProps) {
  return (
    <Paper component="li" withBorder radius="md" p="sm" data-testid={testId}>
      <Group justify="space-between" gap="sm">
        <Group gap="sm" wrap="nowrap" miw={0}>
          <UserAvatar user={person} size={40} />
          <Stack gap={2} miw={0}>
            <Group gap="xs">
              <Anchor
                component={Link}
                to={personPath(person.user_id)}
                fw={600}
                data-person-link
                style={{ overflowWrap: "anywhere" }}
              >
                {person.display_name}
              </Anchor>
              {person.confirmed && <ConfirmedBadge />}
            </Group>
            {detail && (
              <Text size="xs" c="dimmed">
                {detail}
              </Text>
            )}
          </Stack>
        </Group>
        {actions && (
          <Group gap="xs" ml="auto">
            {actions}
          </Group>
        )}
      </Group>
    </Paper>
  );
}

/** A list of people, each a `PersonRow`. */
export function PeopleList({
  label,
  listRef,
  children,
}: {
  /** What the list holds, for assistive technology. */
  label: string;
  listRef?: Ref<HTMLUListElement>;
  children: ReactNode;
}) {
  return (
    <Stack
      renderRoot={(props) => <ul {...props} ref={listRef} />}
      aria-label={label}
      gap="xs"
      p={0}
      m={0}
      style={{ listStyle: "none" }}
    >
      {children}
    </Stack>
  );
}
