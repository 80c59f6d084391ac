import { lazy, type ComponentType } from "react";

/**
 * A component whose code loads when it is first shown. Pages are named exports; `React.lazy`
 * wants a default one.
 */
export function lazyPage<K extends string, P extends object>(
  load: () => Promise<Record<K, ComponentType<P>>>,
  name: K,
) {
  return lazy(async () => ({ default: (await load())[name] }));
}
