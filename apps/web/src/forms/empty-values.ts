/** For optional fields: an emptied input means "not given". */
export const emptyToUndefined = (value: unknown) => (value === "" ? undefined : value);

/** For clearable profile fields: an emptied input means "clear it". */
export const emptyToNull = (value: unknown) => (value === "" ? null : value);

export const emptyToUndefinedNumber = (value: unknown) =>
  value === "" || value === undefined ? undefined : Number(value);

/** For clearable numeric fields: an emptied select means "clear it". */
export const emptyToNullNumber = (value: unknown) =>
  value === "" || value === null || value === undefined ? null : Number(value);
