import { Paper, Stack } from "@mantine/core";
import type { FormEventHandler, ReactNode } from "react";

import type { ProblemInfo } from "../problems.ts";
import { ProblemAlert } from "./ProblemAlert.tsx";

interface FormCardProps {
  /** The id of the heading inside `header` that names the form for assistive technology. */
  labelledBy: string;
  header: ReactNode;
  /** A message above the problem alert, such as a `SavedNotice`. */
  notice?: ReactNode;
  /** What a failed submission left for the form-level alert (see `useFormProblem`). */
  problem: ProblemInfo | null;
  onSubmit: FormEventHandler<HTMLFormElement>;
  children: ReactNode;
}

/** A form on a bordered card: its heading, then the form-level messages, then the fields. */
export function FormCard({
  labelledBy,
  header,
  notice,
  problem,
  onSubmit,
  children,
}: FormCardProps) {
  return (
    <Paper withBorder radius="md" p="lg">
      {/* The fields are checked by the schema; the browser's own bubbles would say it differently. */}
      <form noValidate aria-labelledby={labelledBy} onSubmit={onSubmit}>
        <Stack gap="md">
          {header}
          {notice}
          {problem && <ProblemAlert error={problem} />}
          {children}
        </Stack>
      </form>
    </Paper>
  );
}
