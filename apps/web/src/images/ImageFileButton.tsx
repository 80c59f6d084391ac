import { Button, FileButton, type ButtonProps } from "@mantine/core";
import { useRef, type ReactNode } from "react";

import { IMAGE_TYPES, imageFileProblem, type ImageFileProblem } from "./image-file.ts";

/** What a choice came to: a file worth sending, one refused in the browser, or none. */
export type ImageChoice =
  { file: File; problem: null } | { file: null; problem: ImageFileProblem | null };

/**
 * A button that picks one image: offered only the types the server takes, checked here for type
 * and size before anything is sent (the server checks again), and ready to pick the same file
 * again afterwards.
 */
export function ImageFileButton({
  name,
  onChoose,
  children,
  ...button
}: {
  name?: string;
  onChoose: (choice: ImageChoice) => void;
  children: ReactNode;
} & Omit<ButtonProps, "children">) {
  const resetRef = useRef<() => void>(null);
  const choose = (file: File | null) => {
    resetRef.current?.();
    const problem = file ? imageFileProblem(file) : null;
    onChoose(file && !problem ? { file, problem: null } : { file: null, problem });
  };
  return (
    <FileButton
      resetRef={resetRef}
      onChange={choose}
      accept={IMAGE_TYPES.join(",")}
      inputProps={name ? { name } : undefined}
    >
      {(props) => (
        <Button {...props} variant="light" {...button}>
          {children}
        </Button>
      )}
    </FileButton>
  );
}
