import { Paper, Stack, Title } from "@mantine/core";
import { useId, type FormEventHandler, type ReactNode } from "react";

import type { ProblemInfo } from "../problems.ts";
import { ProblemAlert } from "./ProblemAlert.tsx";

export type FormCardHeading =
  /** A plain heading: the page's own (level 1) or one of its sections (level 2). */
  | { title: string; level: 1 | 2 }
  /** A heading of the form's own making, whose `labelledBy` id names the form. */
  | { header: ReactNode; labelledBy: string };

export interface FormCardBody {
  /** What a failed submission left for the form-level alert (see `useFormProblem`). */
  problem: ProblemInfo | null;
  onSubmit: FormEventHandler<HTMLFormElement>;
  children: ReactNode;
}

type FormCardProps = FormCardHeading &
  FormCardBody & {
    /** A message above the problem alert, such as a `SavedNotice`. */
    notice?: ReactNode;
  };

/** A form on a bordered card: its heading, then the form-level messages, then the fields. */
export function FormCard({ notice, problem, onSubmit, children, ...heading }: FormCardProps) {
  const titleId = useId();
  const labelledBy = "labelledBy" in heading ? heading.labelledBy : titleId;
  return (
    <Paper withBorder radius="md" p="lg">
      {/* The fields are checked by the schema; the browser's own bubbles would say it differently. */}
      <form noValidate aria-labelledby={labelledBy} onSubmit={onSubmit}>
        <Stack gap="md">
          {"header" in heading ? (
            heading.header
          ) : (
            <Title order={heading.level} fz={heading.level === 1 ? "h2" : "h3"} id={titleId}>
              {heading.title}
            </Title>
          )}
          {notice}
          {problem && <ProblemAlert error={problem} />}
          {children}
        </Stack>
      </form>
    </Paper>
  );
}
