/** tRPC is served by the same origin as the app (the dev server proxies it). */
export const TRPC_URL = "/trpc";
