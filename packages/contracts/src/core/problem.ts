import { z } from "zod";

import { errorCatalog, errorCodes, type ErrorCode } from "./errors.ts";

/** Machine codes of field problems a client may want to explain in its own words. */
export const FieldErrorCode = z.enum([
  "password_common",
  "password_contains_login",
  "password_unchanged",
]);
export type FieldErrorCode = z.infer<typeof FieldErrorCode>;

export const FieldError = z.object({
  field: z.string(),
  message: z.string(),
  code: FieldErrorCode.optional().meta({
    description: "Set for policy refusals that are not plain format errors",
  }),
});
export type FieldError = z.infer<typeof FieldError>;

/** RFC 9457 problem details, as every REST failure is answered. */
export const Problem = z
  .object({
    type: z.string(),
    title: z.string(),
    status: z.number().int(),
    detail: z.string().meta({ description: "What happened, as a sentence for a person" }),
    code: z.enum(errorCodes),
    errors: z.array(FieldError).optional(),
  })
  .meta({ id: "Problem" });
export type Problem = z.infer<typeof Problem>;

/** The problem `type` of an error code: a URN naming the code. */
export function problemType(code: ErrorCode): string {
  return `urn:kabinet:problem:${code}`;
}

/**
 * The problem body of an error code: its status and title from the catalogue, the explanation
 * of this occurrence (the catalogue's sentence when there is none) and the field errors when
 * there are any.
 */
export function problem(code: ErrorCode, detail?: string, errors?: FieldError[]): Problem {
  const entry = errorCatalog[code];
  return {
    type: problemType(code),
    title: entry.title,
    status: entry.status,
    detail: detail || entry.detail,
    code,
    ...(errors?.length ? { errors } : {}),
  };
}

/** A `validation_failed` problem listing the fields that are not valid. */
export function validationProblem(errors: FieldError[]): Problem {
  const noun = errors.length === 1 ? "field is" : "fields are";
  return problem("validation_failed", `${errors.length} ${noun} not valid`, errors);
}
