import { Modal } from "@mantine/core";
import { useState } from "react";
import { useTranslation } from "react-i18next";

import { CreatedUserResult, type CreatedUser } from "./CreatedUserResult.tsx";
import { CreateUserForm } from "./CreateUserForm.tsx";

export function CreateUserModal({ opened, onClose }: { opened: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const [created, setCreated] = useState<CreatedUser | null>(null);
  return (
    <Modal
      opened={opened}
      onClose={onClose}
      // The one-time password is forgotten once the dialog has closed: it is shown only once.
      onExitTransitionEnd={() => setCreated(null)}
      title={t(created ? "admin.users.createdTitle" : "admin.users.createTitle")}
      size="lg"
      closeButtonProps={{ "aria-label": t("admin.closeDialog") }}
    >
      {created ? (
        <CreatedUserResult created={created} onClose={onClose} />
      ) : (
        <CreateUserForm onCreated={setCreated} onCancel={onClose} />
      )}
    </Modal>
  );
}
