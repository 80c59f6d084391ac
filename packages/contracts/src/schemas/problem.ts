import { z } from "zod";

import { errorCodes, type ErrorCode } from "../errors.ts";

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
    detail: z.string().optional(),
    code: z.enum(errorCodes as [ErrorCode, ...ErrorCode[]]),
    errors: z.array(FieldError).optional(),
  })
  .meta({ id: "Problem" });
export type Problem = z.infer<typeof Problem>;
