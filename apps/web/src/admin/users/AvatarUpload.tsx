import { Alert, Avatar, Group, Stack, Text } from "@mantine/core";
import { useMutation } from "@tanstack/react-query";
import { useState } from "react";
import { useTranslation } from "react-i18next";

import type { User } from "@kabinet/contracts";

import { ProblemAlert } from "../../components/ProblemAlert.tsx";
import { SectionCard } from "../../components/SectionCard.tsx";
import { fileToBase64, MAX_IMAGE_MIB, type ImageFileProblem } from "../../images/image-file.ts";
import { ImageFileButton, type ImageChoice } from "../../images/ImageFileButton.tsx";
import { useTRPC } from "../../trpc.ts";
import { useUserSaved } from "./use-user-saved.ts";

export function AvatarUpload({ user }: { user: User }) {
  const { t } = useTranslation();
  const trpc = useTRPC();
  const saved = useUserSaved();
  const [fileProblem, setFileProblem] = useState<ImageFileProblem | null>(null);
  const [done, setDone] = useState(false);
  const upload = useMutation(
    trpc.users.setAvatar.mutationOptions({
      onSuccess: (account) => {
        saved(account);
        setDone(true);
      },
    }),
  );

  const choose = async ({ file, problem }: ImageChoice) => {
    setDone(false);
    upload.reset();
    if (!file && !problem) return;
    setFileProblem(problem);
    if (!file) return;
    upload.mutate({ id: user.id, image: await fileToBase64(file) });
  };

  return (
    <SectionCard titleId="avatar-title" title={t("admin.user.avatar")} gap="sm">
      <Group gap="md" align="center">
        <Avatar
          src={user.avatar}
          size={96}
          radius="md"
          alt={t("admin.user.avatar")}
          data-testid="user-avatar"
        >
          {user.first_name.charAt(0)}
          {user.last_name.charAt(0)}
        </Avatar>
        <Stack gap={6}>
          <ImageFileButton
            onChoose={(choice) => void choose(choice)}
            loading={upload.isPending}
            style={{ alignSelf: "flex-start" }}
          >
            {t("admin.user.avatarChoose")}
          </ImageFileButton>
          <Text size="xs" c="dimmed">
            {t("admin.user.avatarHint", { size: MAX_IMAGE_MIB })}
          </Text>
        </Stack>
      </Group>
      {fileProblem && (
        <Alert color="red" variant="light" role="alert">
          {t(`imageFile.${fileProblem}`, { size: MAX_IMAGE_MIB })}
        </Alert>
      )}
      {upload.isError && <ProblemAlert error={upload.error} />}
      {done && (
        <Alert color="green" variant="light" role="status">
          {t("admin.user.avatarSaved")}
        </Alert>
      )}
    </SectionCard>
  );
}
