import { Alert } from "@mantine/core";
import type { ReactNode } from "react";

/** Confirms a save; the caller hides it again once the form is edited. */
export function SavedNotice({
  shown,
  onClose,
  children,
}: {
  shown: boolean;
  onClose: () => void;
  children: ReactNode;
}) {
  if (!shown) return null;
  return (
    <Alert color="green" variant="light" role="status" withCloseButton onClose={onClose}>
      {children}
    </Alert>
  );
}
