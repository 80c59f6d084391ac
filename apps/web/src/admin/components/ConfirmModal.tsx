import { Button, Group, Modal, Stack, Text, type MantineColor } from "@mantine/core";
import { useTranslation } from "react-i18next";

import { ProblemAlert } from "../../components/ProblemAlert.tsx";

interface ConfirmModalProps {
  opened: boolean;
  onClose: () => void;
  title: string;
  text: string;
  confirmLabel: string;
  /** Red by default: most of what is confirmed here cannot be undone. */
  confirmColor?: MantineColor;
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
  confirmColor = "red",
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
          <Button color={confirmColor} onClick={onConfirm} loading={loading}>
            {confirmLabel}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
