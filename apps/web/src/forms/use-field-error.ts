import { get } from "react-hook-form";
import { useTranslation } from "react-i18next";

import { fieldErrorText } from "./field-errors.ts";

interface FormLike {
  formState: { errors: object };
  getValues: () => object;
}

/** `errorOf("login")` → the translated error of that field, or undefined. */
export function useFieldError(form: FormLike) {
  const { t } = useTranslation();
  const { errors } = form.formState;
  return (name: string): string | undefined =>
    fieldErrorText(
      t,
      name,
      get<object, { type?: string; message?: string } | undefined>(errors, name),
      get(form.getValues(), name),
    );
}
