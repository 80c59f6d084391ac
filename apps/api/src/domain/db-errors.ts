/** The constraint a unique violation hit, whichever driver raised it; null for other errors. */
export function uniqueViolation(error: unknown): string | null {
  for (let e = error as Record<string, unknown> | undefined; e; e = e.cause as typeof e) {
    if (e.code === "23505") {
      return (e.constraint_name ?? e.constraint ?? "") as string;
    }
  }
  return null;
}
