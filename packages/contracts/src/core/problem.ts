import { z } from "zod";

import { errorCatalog, errorCodes, type ErrorCode } from "./errors.ts";

/** Machine codes of field problems a client may want to explain in its own words. */
export const FieldErrorCode = z.enum([
  "password_common",
  "password_contains_login",
  "password_unchanged",
]);
export type FieldErrorCode = z.infer<typeof FieldErrorCode>;

/**
 * Bounds of a problem's texts and of its list of field errors. A detail or a field name may
 * quote the request (a path, an unknown field), so `problem()` cuts them to these.
 */
export const PROBLEM_DETAIL_MAX = 1024;
const FIELD_TEXT_MAX = 256;
const FIELD_ERRORS_MAX = 100;

export const FieldError = z.object({
  field: z.string().max(FIELD_TEXT_MAX),
  message: z.string().max(FIELD_TEXT_MAX),
  code: FieldErrorCode.optional().meta({
    description: "Set for policy refusals that are not plain format errors",
  }),
});
export type FieldError = z.infer<typeof FieldError>;

/** RFC 9457 problem details, as every REST failure is answered. */
export const Problem = z
  .object({
    type: z.string().max(64),
    title: z.string().max(128),
    status: z.number().int(),
    detail: z
      .string()
      .max(PROBLEM_DETAIL_MAX)
      .meta({ description: "What happened, as a sentence for a person" }),
    code: z.enum(errorCodes),
    errors: z
      .array(FieldError)
      .max(FIELD_ERRORS_MAX)
      .optional()
      .meta({ description: `The fields that are not valid; the first ${FIELD_ERRORS_MAX}` }),
  })
  .meta({ id: "Problem" });
export type Problem = z.infer<typeof Problem>;

/** The problem `type` of an error code: a URN naming the code. */
export function problemType(code: ErrorCode): string {
  return `urn:kabinet:problem:${code}`;
}

/** Text cut to at most `max` UTF-16 units, never between the halves of a surrogate pair. */
function cut(text: string, max: number): string {
  if (text.length <= max) return text;
  return text.slice(0, /[\uD800-\uDBFF]/.test(text[max - 1]!) ? max - 1 : max);
}

/**
 * The problem body of an error code: its status and title from the catalogue, the explanation
 * of this occurrence (the catalogue's sentence when there is none) and the field errors when
 * there are any, within the schema's bounds.
 */
export function problem(code: ErrorCode, detail?: string, errors?: FieldError[]): Problem {
  const entry = errorCatalog[code];
  return {
    type: problemType(code),
    title: entry.title,
    status: entry.status,
    detail: cut(detail || entry.detail, PROBLEM_DETAIL_MAX),
    code,
    ...(errors?.length
      ? {
          errors: errors.slice(0, FIELD_ERRORS_MAX).map((e) => ({
            ...e,
            field: cut(e.field, FIELD_TEXT_MAX),
            message: cut(e.message, FIELD_TEXT_MAX),
          })),
        }
      : {}),
  };
}

/** A `validation_failed` problem listing the fields that are not valid. */
export function validationProblem(errors: FieldError[]): Problem {
  const noun = errors.length === 1 ? "field is" : "fields are";
  return problem("validation_failed", `${errors.length} ${noun} not valid`, errors);
}
