import { QueryClient } from "@tanstack/react-query";
import { createTRPCClient, httpBatchLink, httpLink, splitLink } from "@trpc/client";
import { createTRPCContext } from "@trpc/tanstack-react-query";

import {
  operations,
  TRPC_MAX_BATCH_SIZE,
  unbatchablePaths,
  type AppRouter,
} from "@kabinet/contracts";

import { isRetryable } from "./problems.ts";
import { clockedFetch } from "./qr/server-clock.ts";
import { authRetryLink } from "./session/auth-retry-link.ts";
import { getAccessToken } from "./session/token-store.ts";
import { TRPC_URL } from "./trpc-url.ts";

export const { TRPCProvider, useTRPC, useTRPCClient } = createTRPCContext<AppRouter>();

export function createQueryClient(): QueryClient {
  return new QueryClient({
    defaultOptions: {
      queries: {
        staleTime: 30_000,
        refetchOnWindowFocus: false,
        retry: (failures, error) => failures < 2 && isRetryable(error),
      },
      mutations: { retry: false },
    },
  });
}

/** Sign-in, session and password calls: the server refuses them inside a batch. */
const unbatchable = unbatchablePaths(operations);

export function createApiClient() {
  const transport = {
    url: TRPC_URL,
    // QR codes follow the server's clock; every answer tells it.
    fetch: clockedFetch,
    headers() {
      const token = getAccessToken();
      return token ? { authorization: `Bearer ${token}` } : {};
    },
  };
  return createTRPCClient<AppRouter>({
    links: [
      authRetryLink(),
      splitLink({
        condition: (op) => unbatchable.has(op.path),
        true: httpLink(transport),
        false: httpBatchLink({ ...transport, maxItems: TRPC_MAX_BATCH_SIZE }),
      }),
    ],
  });
}
