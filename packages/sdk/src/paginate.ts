import type { CallOptions } from "./client.ts";

/** A list page as every paged operation answers it. */
export interface Page<T> {
  items: T[];
  next_cursor: string | null;
}

/**
 * Every item of a paged list, fetching pages as the loop asks for them:
 *
 *     for await (const user of paginate(client.users.list, { role: "teacher" })) { ... }
 *
 * Breaking out of the loop stops fetching. `input` is the list's input without `cursor`.
 */
export async function* paginate<I extends { cursor?: string }, T>(
  list: (input: I, options?: CallOptions) => Promise<Page<T>>,
  input?: Omit<I, "cursor">,
  options?: CallOptions,
): AsyncGenerator<T, void, undefined> {
  let cursor: string | null = null;
  do {
    const page: Page<T> = await list(
      { ...(input ?? {}), ...(cursor ? { cursor } : {}) } as I,
      options,
    );
    yield* page.items;
    cursor = page.next_cursor;
  } while (cursor);
}
