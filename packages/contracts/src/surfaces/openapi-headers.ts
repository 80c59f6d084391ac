/**
 * The `Retry-After` header of every documented 429, on the unified operations and the older
 * APIs alike: whole seconds, at least one (a limit's wait is rounded up). The longest waits
 * are the sign-in locks, whose lengths the server's configuration sets: the bound is int32's.
 */
export const retryAfterHeaders = {
  "Retry-After": {
    description: "Seconds to wait before trying again",
    schema: { type: "integer", format: "int32", minimum: 1, maximum: 2_147_483_647 },
  },
};
