import { useState } from "react";
import type { FieldValues, UseFormSetError } from "react-hook-form";

import { problemOf, type ProblemInfo } from "../problems.ts";
import { applyProblem, type ProblemPlacement } from "./apply-problem.ts";

/**
 * A form's failed submission: field problems go next to their fields, whatever is left is
 * kept as `problem` for the form-level alert.
 */
export function useFormProblem<T extends FieldValues>(
  setError: UseFormSetError<T>,
  placement: ProblemPlacement<T>,
) {
  const [problem, setProblem] = useState<ProblemInfo | null>(null);
  return {
    problem,
    report: (error: unknown) => {
      const found = problemOf(error);
      setProblem(applyProblem(found, setError, placement) ? null : found);
    },
    clear: () => setProblem(null),
  };
}
