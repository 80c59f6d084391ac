import { Button, Group, Skeleton, Stack, Text } from "@mantine/core";
import { useQuery } from "@tanstack/react-query";
import { useEffect, useRef, useState } from "react";
import { useTranslation } from "react-i18next";

import { ConfirmModal } from "../admin/components/ConfirmModal.tsx";
import { ProblemAlert } from "../components/ProblemAlert.tsx";
import { useTRPC } from "../trpc.ts";
import { actionsFor, asksFirst, type FriendAction } from "./friendship.ts";
import { useFriendAction } from "./use-friend-action.ts";

const variantOf: Record<FriendAction, "filled" | "light" | "default"> = {
  add: "filled",
  accept: "filled",
  cancel: "default",
  decline: "default",
  unfriend: "default",
};

/**
 * Where I stand with someone, said as it changes, and what I can do about it. After an action
 * the focus moves to the first of the new buttons, the ones that replace the one pressed.
 */
export function FriendshipControl({ userId, name }: { userId: number; name: string }) {
  const { t } = useTranslation();
  const trpc = useTRPC();
  const relation = useQuery(trpc.friends.status.queryOptions({ user_id: userId }));
  const change = useFriendAction();
  const [confirming, setConfirming] = useState(false);
  const buttons = useRef<HTMLDivElement>(null);
  const focusAfter = useRef(false);
  const status = relation.data?.status;
  // Once the action is over (its buttons are enabled again) and its dialog, if any, closed.
  const settled = !change.isPending && !confirming;
  useEffect(() => {
    if (!focusAfter.current || !settled) return;
    focusAfter.current = false;
    buttons.current?.querySelector("button")?.focus();
  }, [status, settled]);

  if (relation.isPending) return <Skeleton height={36} width={180} aria-busy="true" />;
  if (relation.isError) {
    return (
      <ProblemAlert
        error={relation.error}
        title={t("common.loadFailed")}
        onRetry={() => void relation.refetch()}
        retrying={relation.isFetching}
      />
    );
  }
  const before = relation.data.status;
  const run = (action: FriendAction) =>
    change.mutate(
      { userId, name, action, before },
      {
        onSuccess: () => {
          focusAfter.current = true;
          setConfirming(false);
        },
      },
    );

  return (
    <Stack gap="xs" data-testid="friendship">
      <Text size="sm" role="status" data-testid="friend-status" data-status={before}>
        {t(`friends.status.${before}`, { name })}
      </Text>
      <Group gap="xs" ref={buttons}>
        {actionsFor(before).map((action) => (
          <Button
            key={action}
            variant={variantOf[action]}
            loading={change.isPending && change.variables.action === action && !confirming}
            disabled={change.isPending}
            onClick={() => {
              change.reset();
              if (asksFirst(action)) setConfirming(true);
              else run(action);
            }}
          >
            {t(`friends.actions.${action}`)}
          </Button>
        ))}
      </Group>
      {change.isError && !confirming && <ProblemAlert error={change.error} />}
      <ConfirmModal
        opened={confirming}
        onClose={() => setConfirming(false)}
        title={t("friends.unfriendTitle", { name })}
        text={t("friends.unfriendText", { name })}
        confirmLabel={t("friends.actions.unfriend")}
        onConfirm={() => run("unfriend")}
        loading={change.isPending}
        error={change.error}
      />
    </Stack>
  );
}
