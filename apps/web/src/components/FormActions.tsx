import { Button, Group } from "@mantine/core";
import { useTranslation } from "react-i18next";

interface FormActionsProps {
  onCancel: () => void;
  /** While the submission runs the submit button spins and cancelling is held back. */
  pending: boolean;
  /** An edit form with no changes has nothing to save or discard. */
  unchanged?: boolean;
  cancelLabel?: string;
  submitLabel?: string;
}

/** The row that ends a form: cancel (or discard) and submit, on the right. */
export function FormActions({
  onCancel,
  pending,
  unchanged,
  cancelLabel,
  submitLabel,
}: FormActionsProps) {
  const { t } = useTranslation();
  return (
    <Group justify="flex-end" gap="sm">
      <Button variant="default" onClick={onCancel} disabled={unchanged || pending}>
        {cancelLabel ?? t("common.cancel")}
      </Button>
      <Button type="submit" loading={pending} disabled={unchanged}>
        {submitLabel ?? t("common.save")}
      </Button>
    </Group>
  );
}
