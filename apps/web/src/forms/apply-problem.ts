import type { FieldValues, Path, UseFormSetError } from "react-hook-form";

import type { ErrorCode } from "@kabinet/contracts";

import type { ProblemInfo } from "../problems.ts";
import { CODED_FIELD_ERROR, PROBLEM_FIELD_ERROR, SERVER_FIELD_ERROR } from "./field-errors.ts";

export interface ProblemPlacement<T extends FieldValues> {
  /** The API's field name → the form's field, for the fields this form shows. */
  fields: Partial<Record<string, Path<T>>>;
  /** Problem codes that belong to one field, such as `login_taken` → `login`. */
  codes?: Partial<Record<ErrorCode, Path<T>>>;
}

/** A placement for fields the form names as the API does: `login` → `login`. */
export function sameNames<const N extends string>(names: readonly N[]): Record<N, N> {
  return Object.fromEntries(names.map((name) => [name, name])) as Record<N, N>;
}

/**
 * Puts a failed submission's problem next to the fields it concerns. Returns false when
 * something is left that only a form-level message can say.
 */
export function applyProblem<T extends FieldValues>(
  problem: ProblemInfo,
  setError: UseFormSetError<T>,
  placement: ProblemPlacement<T>,
): boolean {
  const codeField =
    problem.code in (placement.codes ?? {})
      ? placement.codes?.[problem.code as ErrorCode]
      : undefined;
  if (codeField) {
    setError(
      codeField,
      { type: PROBLEM_FIELD_ERROR, message: problem.code },
      { shouldFocus: true },
    );
    return true;
  }
  if (problem.code !== "validation_failed" || problem.fieldErrors.length === 0) return false;
  let placedAll = true;
  let first = true;
  for (const { field, message, code } of problem.fieldErrors) {
    const target = placement.fields[field];
    if (!target) {
      placedAll = false;
      continue;
    }
    const error = code
      ? { type: CODED_FIELD_ERROR, message: code }
      : { type: SERVER_FIELD_ERROR, message };
    setError(target, error, { shouldFocus: first });
    first = false;
  }
  return placedAll;
}
