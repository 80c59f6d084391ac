import { Button, type ButtonProps } from "@mantine/core";
import type { UseMutationResult } from "@tanstack/react-query";
import { useState } from "react";

import { ConfirmModal } from "./ConfirmModal.tsx";

interface ConfirmedActionProps<D, E, V, C> extends Pick<
  ButtonProps,
  "color" | "variant" | "size" | "disabled"
> {
  /** The button's label, and the confirm button's. */
  label: string;
  title: string;
  text: string;
  mutation: UseMutationResult<D, E, V, C>;
  variables: V;
}

/** A button that asks before running its mutation; the dialog closes once it succeeds. */
export function ConfirmedAction<D, E, V, C>({
  label,
  title,
  text,
  mutation,
  variables,
  variant = "light",
  ...button
}: ConfirmedActionProps<D, E, V, C>) {
  const [confirming, setConfirming] = useState(false);
  return (
    <>
      <Button
        variant={variant}
        {...button}
        onClick={() => {
          mutation.reset();
          setConfirming(true);
        }}
      >
        {label}
      </Button>
      <ConfirmModal
        opened={confirming}
        onClose={() => setConfirming(false)}
        title={title}
        text={text}
        confirmLabel={label}
        confirmColor={button.color ?? "red"}
        onConfirm={() => mutation.mutate(variables, { onSuccess: () => setConfirming(false) })}
        loading={mutation.isPending}
        error={mutation.error}
      />
    </>
  );
}
