import { Button, Group, Paper, Stack, Text, Title } from "@mantine/core";
import { useMutation } from "@tanstack/react-query";
import { useId, useState } from "react";
import { useTranslation } from "react-i18next";

import type { Operations, OutputOf } from "@kabinet/contracts";

import { formatDateTime } from "../../format/dates.ts";
import { useTRPC } from "../../trpc.ts";
import { ConfirmedAction } from "../components/ConfirmedAction.tsx";
import { RejectDialog } from "./RejectDialog.tsx";
import { isGoneFromQueue, type ReviewOutcome } from "./review-outcome.ts";
import { ScanView } from "./ScanView.tsx";

export type PendingRequest = OutputOf<Operations["confirmations"]["queue"]>["items"][number];

interface ReviewItemProps {
  request: PendingRequest;
  /** The reviewer's own request, which someone else must decide. */
  own: boolean;
  onOutcome: (outcome: ReviewOutcome, name: string) => void;
}

/** One request: who sent it and when, its scan on demand, and the two decisions. */
export function ReviewItem({ request, own, onOutcome }: ReviewItemProps) {
  const { t, i18n } = useTranslation();
  const trpc = useTRPC();
  const titleId = useId();
  const [showScan, setShowScan] = useState(false);
  const [rejecting, setRejecting] = useState(false);
  const name = `${request.user.first_name} ${request.user.last_name}`;
  const approve = useMutation(
    trpc.confirmations.approve.mutationOptions({
      onSuccess: () => onOutcome("approved", name),
      onError: (error) => {
        if (isGoneFromQueue(error)) onOutcome("decidedElsewhere", name);
      },
    }),
  );

  return (
    <Paper
      withBorder
      radius="md"
      p="md"
      component="article"
      aria-labelledby={titleId}
      data-testid="review-item"
    >
      <Stack gap="sm">
        <Group justify="space-between" align="flex-start" gap="xs">
          <Stack gap={2} style={{ minWidth: 0 }}>
            <Title order={2} fz="h4" id={titleId} style={{ overflowWrap: "anywhere" }}>
              {name}
            </Title>
            <Text size="sm" c="dimmed">
              @{request.user.login}
            </Text>
          </Stack>
          <Text size="sm" c="dimmed">
            {t("reviewQueue.submitted", {
              date: formatDateTime(request.submitted_at, i18n.language),
            })}
          </Text>
        </Group>
        <Group gap="sm">
          <Button
            variant="default"
            onClick={() => setShowScan((shown) => !shown)}
            aria-expanded={showScan}
          >
            {showScan ? t("reviewQueue.hideScan") : t("reviewQueue.showScan")}
          </Button>
          <ConfirmedAction
            label={t("reviewQueue.approve")}
            title={t("reviewQueue.approveTitle", { name })}
            text={t("reviewQueue.approveText", { name })}
            mutation={approve}
            variables={{ id: request.id }}
            color="green"
            variant="filled"
            disabled={own}
          />
          <Button
            color="red"
            variant="light"
            onClick={() => setRejecting(true)}
            disabled={own || approve.isPending}
          >
            {t("reviewQueue.reject")}
          </Button>
        </Group>
        {own && (
          <Text size="sm" c="dimmed">
            {t("reviewQueue.ownRequest")}
          </Text>
        )}
        {showScan && <ScanView url={request.scan_url} alt={t("reviewQueue.scanAlt", { name })} />}
      </Stack>
      {rejecting && (
        <RejectDialog
          id={request.id}
          name={name}
          onClose={() => setRejecting(false)}
          onRejected={() => {
            setRejecting(false);
            onOutcome("rejected", name);
          }}
          onGone={() => {
            setRejecting(false);
            onOutcome("decidedElsewhere", name);
          }}
        />
      )}
    </Paper>
  );
}
