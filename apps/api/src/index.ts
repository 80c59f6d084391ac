import type { Operations } from "@kabinet/contracts";
import type { inferRouterInputs, inferRouterOutputs } from "@trpc/server";
import type { TrpcRouterFor, KabinetErrorData } from "./http/trpc.ts";

/** The web app's view of the API: types only, no server code crosses this line. */
export type AppRouter = TrpcRouterFor<Operations>;
export type RouterInputs = inferRouterInputs<AppRouter>;
export type RouterOutputs = inferRouterOutputs<AppRouter>;
export type { KabinetErrorData };
