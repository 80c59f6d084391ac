import { PASSWORD_MAX, PASSWORD_MIN, type ErrorCode } from "@kabinet/contracts";
import type { TFunction } from "i18next";
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

/** The API's password policy explains itself in English; these are its three refusals. */
function passwordPolicyKey(message: string | undefined) {
  if (!message) return undefined;
  if (/common/i.test(message)) return "validation.passwordCommon" as const;
  if (/contain.*login/i.test(message)) return "validation.passwordContainsLogin" as const;
  if (/differ/i.test(message)) return "validation.passwordSame" as const;
  return undefined;
}

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
  if (error.type === SERVER_FIELD_ERROR) {
    const policy = passwordPolicyKey(error.message);
    if (policy) return t(policy);
  }
  if (isBlank(value)) return t("validation.required");
  const rule = ruleByField[field];
  return rule ? t(`validation.rules.${rule}`, { min: PASSWORD_MIN, max: PASSWORD_MAX }) : t("validation.invalid");
}
