import { Button, Group, Modal, Stack, Text } from "@mantine/core";
import { useTranslation } from "react-i18next";

import { ProblemAlert } from "../../components/ProblemAlert.tsx";

interface ConfirmModalProps {
  opened: boolean;
  onClose: () => void;
  title: string;
  text: string;
  confirmLabel: string;
  onConfirm: () => void;
  loading: boolean;
  error: unknown;
}

/** Asks before something that cannot be undone from here. */
export function ConfirmModal({
  opened,
  onClose,
  title,
  text,
  confirmLabel,
  onConfirm,
  loading,
  error,
}: ConfirmModalProps) {
  const { t } = useTranslation();
  return (
    <Modal
      opened={opened}
      onClose={onClose}
      title={title}
      centered
      closeButtonProps={{ "aria-label": t("admin.closeDialog") }}
    >
      <Stack gap="md">
        <Text size="sm">{text}</Text>
        {error ? <ProblemAlert error={error} /> : null}
        <Group justify="flex-end" gap="sm">
          <Button variant="default" onClick={onClose} disabled={loading}>
            {t("common.cancel")}
          </Button>
          <Button color="red" onClick={onConfirm} loading={loading}>
            {confirmLabel}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
