import type {
  FieldValues,
  Path,
  RegisterOptions,
  UseFormRegisterReturn,
  UseFormReturn,
} from "react-hook-form";

import { useFieldError } from "./use-field-error.ts";

/** The `bind` of a form that has (at least) the fields `N`, for inputs shared between forms. */
export type FieldBinder<N extends string> = <K extends N>(
  name: K,
  options?: { setValueAs?: (value: unknown) => unknown },
) => UseFormRegisterReturn<K> & { error: string | undefined };

/**
 * `{...bind("login")}` → what `register` gives an input plus its translated `error`, so a field
 * names itself once. `errorOf` stays for inputs that are bound through a `Controller`.
 */
export function useFormFields<TValues extends FieldValues, TContext, TTransformed>(
  form: UseFormReturn<TValues, TContext, TTransformed>,
) {
  const errorOf = useFieldError(form);
  const bind = <TName extends Path<TValues>>(
    name: TName,
    options?: RegisterOptions<TValues, TName>,
  ) => ({
    ...form.register(name, options),
    error: errorOf(name),
  });
  return { bind, errorOf };
}
