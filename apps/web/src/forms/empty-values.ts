/** For optional fields: an emptied input means "not given". */
export const emptyToUndefined = (value: unknown) => (value === "" ? undefined : value);

/** For clearable profile fields: an emptied input means "clear it". */
export const emptyToNull = (value: unknown) => (value === "" ? null : value);

export const emptyToUndefinedNumber = (value: unknown) => (value === "" || value === undefined ? undefined : Number(value));
