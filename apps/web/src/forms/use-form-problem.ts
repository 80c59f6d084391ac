import { useState } from "react";
import type { FieldValues, UseFormReturn } from "react-hook-form";

import { problemOf, type ProblemInfo } from "../problems.ts";
import { applyProblem, type ProblemPlacement } from "./apply-problem.ts";

/**
 * A form's submission to the API. A failure's field problems go next to their fields, whatever
 * is left is kept as `problem` for the form-level alert; `submit(send)` is the form's submit
 * handler, which clears the last problem and sends the values once they pass the schema.
 */
export function useFormProblem<TValues extends FieldValues, TContext, TTransformed>(
  form: UseFormReturn<TValues, TContext, TTransformed>,
  placement: ProblemPlacement<TValues>,
) {
  const [problem, setProblem] = useState<ProblemInfo | null>(null);
  return {
    problem,
    report: (error: unknown) => {
      const found = problemOf(error);
      setProblem(applyProblem(found, form.setError, placement) ? null : found);
    },
    submit: (send: (values: TTransformed) => void) =>
      form.handleSubmit((values) => {
        setProblem(null);
        send(values);
      }),
  };
}
