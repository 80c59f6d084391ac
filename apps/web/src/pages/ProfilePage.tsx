import { Alert, Stack } from "@mantine/core";
import { useState } from "react";
import { useTranslation } from "react-i18next";

import { ProfileEditForm } from "../components/ProfileEditForm.tsx";
import { ProfileView } from "../components/ProfileView.tsx";
import { useSignedInUser } from "../components/SignedInArea.tsx";

export function ProfilePage() {
  const { t } = useTranslation();
  const user = useSignedInUser();
  const [editing, setEditing] = useState(false);
  const [saved, setSaved] = useState(false);
  return (
    <Stack gap="md">
      {saved && !editing && (
        <Alert
          color="green"
          variant="light"
          role="status"
          withCloseButton
          onClose={() => setSaved(false)}
        >
          {t("profile.saved")}
        </Alert>
      )}
      {editing ? (
        <ProfileEditForm
          user={user}
          onDone={(didSave) => {
            setSaved(didSave);
            setEditing(false);
          }}
        />
      ) : (
        <ProfileView
          user={user}
          onEdit={() => {
            setSaved(false);
            setEditing(true);
          }}
        />
      )}
    </Stack>
  );
}
