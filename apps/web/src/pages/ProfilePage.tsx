import { Stack } from "@mantine/core";
import { Suspense } from "react";
import { useTranslation } from "react-i18next";

import { EditableProfile } from "../components/EditableProfile.tsx";
import { lazyPage } from "../components/lazy-page.ts";
import { ProfileSkeleton, useSignedInUser } from "../components/SignedInArea.tsx";
import { ConfirmationSection } from "../profile/ConfirmationSection.tsx";
import { PublicProfileCard } from "../profile/PublicProfileCard.tsx";

// The form, with its colour picker, loads when it is first opened.
const ProfileEditForm = lazyPage(
  () => import("../components/ProfileEditForm.tsx"),
  "ProfileEditForm",
);

export function ProfilePage() {
  const { t } = useTranslation();
  const user = useSignedInUser();
  return (
    <Stack gap="md">
      <EditableProfile
        user={user}
        savedText={t("profile.saved")}
        editForm={(onDone) => (
          <Suspense fallback={<ProfileSkeleton />}>
            <ProfileEditForm user={user} onDone={onDone} />
          </Suspense>
        )}
      />
      <PublicProfileCard user={user} />
      <ConfirmationSection />
    </Stack>
  );
}
