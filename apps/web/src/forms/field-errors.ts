import type { TFunction } from "i18next";

import {
  PASSWORD_MAX,
  PASSWORD_MIN,
  type ErrorCode,
  type FieldErrorCode,
} from "@kabinet/contracts";

import type en from "../i18n/en.json";
import { problemMessage } from "../i18n/messages.ts";

type RuleKey = keyof typeof en.validation.rules;

/** Which rule text explains a field's constraints; the constraints themselves are the contracts'. */
const ruleByField: Record<string, RuleKey> = {
  identifier: "identifier",
  login: "login",
  email: "email",
  "contacts.email": "email",
  password: "password",
  new_password: "password",
  first_name: "name",
  last_name: "name",
  patronymic: "name",
  birthday: "birthday",
  phone: "phone",
  "contacts.phone": "phone",
  class: "class",
  display_name: "display_name",
  description: "description",
  bio: "bio",
  background_color: "background_color",
  "contacts.telegram": "messenger",
  "contacts.viber": "messenger",
  role: "role",
  slug: "slug",
  location: "location",
  required_permission: "required_permission",
  code: "qr_code",
  name: "group_name",
  permissions: "permissions",
  user_id: "id",
  actor_id: "id",
  group_id: "id",
  device_id: "id",
  action: "action",
  from: "datetime",
  to: "datetime",
};

/** How a form error was produced: by the schema, by the API's field list, or by a problem code. */
export const SERVER_FIELD_ERROR = "server";
export const PROBLEM_FIELD_ERROR = "problem";
/** A field refusal the API names with a machine code (`FieldError.code`), carried as the message. */
export const CODED_FIELD_ERROR = "coded";

const fieldCodeMessages = {
  password_common: "validation.passwordCommon",
  password_contains_login: "validation.passwordContainsLogin",
  password_unchanged: "validation.passwordSame",
} as const satisfies Record<FieldErrorCode, string>;

function isBlank(value: unknown): boolean {
  return value === undefined || value === null || (typeof value === "string" && value.length === 0);
}

/** The translated text of one field's error, worked out when it is shown so a language switch applies. */
export function fieldErrorText(
  t: TFunction,
  field: string,
  error: { type?: string | number; message?: string } | undefined,
  value: unknown,
): string | undefined {
  if (!error) return undefined;
  if (error.type === PROBLEM_FIELD_ERROR) {
    return problemMessage(t, { code: error.message as ErrorCode, retryAfter: undefined });
  }
  if (error.type === CODED_FIELD_ERROR && error.message && error.message in fieldCodeMessages) {
    return t(fieldCodeMessages[error.message as FieldErrorCode]);
  }
  if (isBlank(value)) return t("validation.required");
  const rule = ruleByField[field];
  return rule
    ? t(`validation.rules.${rule}`, { min: PASSWORD_MIN, max: PASSWORD_MAX })
    : t("validation.invalid");
}
