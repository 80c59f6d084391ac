import { Alert, Badge, Button, Group, Skeleton, Stack, Text } from "@mantine/core";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { useTranslation } from "react-i18next";

import type { MyConfirmation } from "@kabinet/contracts";

import { ProblemAlert } from "../components/ProblemAlert.tsx";
import { SectionCard } from "../components/SectionCard.tsx";
import { fileToBase64, MAX_IMAGE_MIB, type ImageFileProblem } from "../images/image-file.ts";
import { ImageFileButton, type ImageChoice } from "../images/ImageFileButton.tsx";
import { useTRPC } from "../trpc.ts";
import { confirmationStatusView, replacesSomething } from "./confirmation-status.ts";
import { useProfileSaved } from "./use-profile-saved.ts";

function ConfirmationStatus({ confirmation }: { confirmation: MyConfirmation }) {
  const { t, i18n } = useTranslation();
  const view = confirmationStatusView(t, confirmation, i18n.language);
  // Announced when it changes: after a scan is sent it turns to "under review".
  return (
    <Stack gap={4} aria-live="polite">
      <Group gap="xs">
        <Text size="sm" fw={500}>
          {t("confirmation.statusLabel")}:
        </Text>
        <Badge color={view.color} variant="light" data-testid="confirmation-status">
          {view.label}
        </Badge>
      </Group>
      <Text size="sm" style={{ overflowWrap: "anywhere" }} data-testid="confirmation-detail">
        {view.detail}
      </Text>
    </Stack>
  );
}

/**
 * One's student-card confirmation: where it stands, and sending a scan for review. A chosen
 * scan is sent only once confirmed, after saying what a new scan replaces.
 */
export function ConfirmationSection() {
  const { t } = useTranslation();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const profileChanged = useProfileSaved();
  const mine = useQuery(trpc.confirmations.mine.queryOptions({}));
  const [file, setFile] = useState<File | null>(null);
  const [fileProblem, setFileProblem] = useState<ImageFileProblem | null>(null);
  const [sent, setSent] = useState(false);
  const submit = useMutation(
    trpc.confirmations.submit.mutationOptions({
      onSuccess: (confirmation) => {
        queryClient.setQueryData(trpc.confirmations.mine.queryKey({}), confirmation);
        // A new scan ends a current confirmation: the badge goes until it is reviewed.
        profileChanged();
        setFile(null);
        setSent(true);
      },
    }),
  );

  const choose = ({ file: chosen, problem }: ImageChoice) => {
    setSent(false);
    submit.reset();
    if (!chosen && !problem) return;
    setFileProblem(problem);
    setFile(chosen);
  };
  const send = async (chosen: File) => submit.mutate({ image: await fileToBase64(chosen) });

  return (
    <SectionCard
      titleId="confirmation-title"
      title={t("confirmation.title")}
      hint={t("confirmation.hint")}
      data-testid="confirmation"
    >
      {mine.isPending && (
        <Stack gap="xs" aria-busy="true">
          <Skeleton height={20} width="40%" />
          <Skeleton height={16} width="70%" />
        </Stack>
      )}
      {mine.isError && (
        <ProblemAlert
          error={mine.error}
          title={t("common.loadFailed")}
          onRetry={() => void mine.refetch()}
          retrying={mine.isFetching}
        />
      )}
      {mine.data && (
        <>
          <ConfirmationStatus confirmation={mine.data} />
          {sent && (
            <Alert color="green" variant="light" role="status">
              {t("confirmation.sent")}
            </Alert>
          )}
          {fileProblem && (
            <Alert color="red" variant="light" role="alert">
              {t(`imageFile.${fileProblem}`, { size: MAX_IMAGE_MIB })}
            </Alert>
          )}
          {file ? (
            <Alert color="yellow" variant="light" data-testid="scan-ready">
              <Stack gap="sm">
                <Text size="sm" style={{ overflowWrap: "anywhere" }}>
                  {t("confirmation.chosen", { name: file.name })}
                </Text>
                {mine.data.confirmed ? (
                  <Text size="sm" fw={500}>
                    {t("confirmation.replacesConfirmed")}
                  </Text>
                ) : (
                  replacesSomething(mine.data) && (
                    <Text size="sm" fw={500}>
                      {t("confirmation.replacesPending")}
                    </Text>
                  )
                )}
                {submit.isError && <ProblemAlert error={submit.error} />}
                <Group gap="sm">
                  <Button onClick={() => void send(file)} loading={submit.isPending}>
                    {t("confirmation.send")}
                  </Button>
                  <Button
                    variant="default"
                    onClick={() => setFile(null)}
                    disabled={submit.isPending}
                  >
                    {t("common.cancel")}
                  </Button>
                </Group>
              </Stack>
            </Alert>
          ) : (
            <Group gap="sm">
              <ImageFileButton name="scan" onChoose={choose}>
                {mine.data.status === "none"
                  ? t("confirmation.choose")
                  : t("confirmation.chooseNew")}
              </ImageFileButton>
            </Group>
          )}
          <Text size="xs" c="dimmed">
            {t("imageFile.hint", { size: MAX_IMAGE_MIB })} {t("confirmation.privacy")}
          </Text>
        </>
      )}
    </SectionCard>
  );
}
