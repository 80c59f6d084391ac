import { Alert, Anchor, Avatar, Badge, Button, Group, Skeleton, Stack, Text } from "@mantine/core";
import { useQuery } from "@tanstack/react-query";
import { Suspense, useState } from "react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";

import type { PublicProfile, User } from "@kabinet/contracts";

import { lazyPage } from "../components/lazy-page.ts";
import { ProblemAlert } from "../components/ProblemAlert.tsx";
import { SavedNotice } from "../components/SavedNotice.tsx";
import { SectionCard } from "../components/SectionCard.tsx";
import { CardsSkeleton } from "../components/SignedInArea.tsx";
import { MAX_IMAGE_MIB, type ImageFileProblem } from "../images/image-file.ts";
import { ImageFileButton, type ImageChoice } from "../images/ImageFileButton.tsx";
import { useTRPC } from "../trpc.ts";
import { useProfileSaved } from "./use-profile-saved.ts";

// The cropper, with its dialog, loads once a picture has been chosen; the form, with the
// schemas and form library behind it, once it is opened.
const AvatarCropDialog = lazyPage(() => import("./AvatarCropDialog.tsx"), "AvatarCropDialog");
const PublicProfileForm = lazyPage(() => import("./PublicProfileForm.tsx"), "PublicProfileForm");

function initialsOf(name: string): string {
  return name
    .split(/\s+/)
    .filter(Boolean)
    .slice(0, 2)
    .map((word) => word.charAt(0).toUpperCase())
    .join("");
}

/** The public profile itself: what `/people/<id>` shows others. */
function PublicView({ profile }: { profile: PublicProfile }) {
  const { t } = useTranslation();
  return (
    <Group gap="md" align="flex-start" wrap="nowrap">
      <Avatar
        src={profile.pic}
        alt={t("myProfile.avatarAlt")}
        size={96}
        radius="xl"
        color="indigo"
        variant="filled"
        data-testid="public-avatar"
      >
        {initialsOf(profile.display_name)}
      </Avatar>
      <Stack gap={6} style={{ minWidth: 0 }}>
        <Text fw={700} fz="lg" data-testid="public-name" style={{ overflowWrap: "anywhere" }}>
          {profile.display_name}
        </Text>
        <Group gap="xs">
          {profile.confirmed ? (
            <Badge color="green" variant="light" data-testid="confirmed-badge">
              {t("myProfile.confirmed")}
            </Badge>
          ) : (
            <Badge color="gray" variant="light">
              {t("myProfile.notConfirmed")}
            </Badge>
          )}
          <Badge color="indigo" variant="outline" data-testid="karma">
            {t("myProfile.karma", { count: profile.karma })}
          </Badge>
        </Group>
        <Text
          size="sm"
          c={profile.bio ? undefined : "dimmed"}
          style={{ whiteSpace: "pre-wrap", overflowWrap: "anywhere" }}
          data-testid="public-bio"
        >
          {profile.bio ?? t("myProfile.noBio")}
        </Text>
      </Stack>
    </Group>
  );
}

type Notice = "saved" | "avatarSaved" | null;

/**
 * One's public profile as others see it, with the two things only it shows to change: the
 * avatar (chosen, then cropped) and the public name and bio.
 */
export function PublicProfileCard({ user }: { user: User }) {
  const { t } = useTranslation();
  const trpc = useTRPC();
  const saved = useProfileSaved();
  const profile = useQuery(trpc.profiles.get.queryOptions({ user_id: user.id }));
  const [editing, setEditing] = useState(false);
  const [notice, setNotice] = useState<Notice>(null);
  const [file, setFile] = useState<File | null>(null);
  const [fileProblem, setFileProblem] = useState<ImageFileProblem | null>(null);
  const choose = ({ file: chosen, problem }: ImageChoice) => {
    setNotice(null);
    if (!chosen && !problem) return;
    setFileProblem(problem);
    if (chosen) setFile(chosen);
  };

  if (editing) {
    return (
      <Suspense fallback={<CardsSkeleton heights={[220]} />}>
        <PublicProfileForm
          user={user}
          onDone={(didSave) => {
            setEditing(false);
            setNotice(didSave ? "saved" : null);
          }}
        />
      </Suspense>
    );
  }

  return (
    <SectionCard
      titleId="public-profile-title"
      title={t("myProfile.publicTitle")}
      hint={t("myProfile.publicHint")}
      data-testid="public-profile"
    >
      <SavedNotice shown={notice !== null} onClose={() => setNotice(null)}>
        {notice && t(`myProfile.${notice}`)}
      </SavedNotice>
      {profile.isPending && (
        <Group gap="md" aria-busy="true">
          <Skeleton height={96} width={96} radius="xl" />
          <Stack gap="xs" style={{ flex: 1 }}>
            <Skeleton height={20} width="50%" />
            <Skeleton height={16} width="30%" />
          </Stack>
        </Group>
      )}
      {profile.isError && (
        <ProblemAlert
          error={profile.error}
          title={t("common.loadFailed")}
          onRetry={() => void profile.refetch()}
          retrying={profile.isFetching}
        />
      )}
      {profile.data && <PublicView profile={profile.data} />}
      {fileProblem && (
        <Alert color="red" variant="light" role="alert">
          {t(`imageFile.${fileProblem}`, { size: MAX_IMAGE_MIB })}
        </Alert>
      )}
      <Group gap="sm">
        <ImageFileButton name="avatar" onChoose={choose}>
          {t("myProfile.changeAvatar")}
        </ImageFileButton>
        <Button variant="light" onClick={() => setEditing(true)}>
          {t("myProfile.editPublic")}
        </Button>
        <Anchor component={Link} to={`/people/${user.id}`} size="sm">
          {t("myProfile.viewAsOthers")}
        </Anchor>
      </Group>
      <Text size="xs" c="dimmed">
        {t("imageFile.hint", { size: MAX_IMAGE_MIB })}
      </Text>
      {file && (
        <Suspense fallback={null}>
          <AvatarCropDialog
            file={file}
            onClose={() => setFile(null)}
            onSaved={(account) => {
              saved(account);
              setFile(null);
              setNotice("avatarSaved");
            }}
          />
        </Suspense>
      )}
    </SectionCard>
  );
}
