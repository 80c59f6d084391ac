import type {
  inferRouterInputs,
  inferRouterOutputs,
  TRPCBuiltRouter,
  TRPCMutationProcedure,
  TRPCQueryProcedure,
} from "@trpc/server";
import type { z } from "zod";

import type { ErrorCode } from "../core/errors.ts";
import type { Operation, OperationTable } from "../core/operation.ts";
import type { FieldError } from "../core/problem.ts";
import type { Operations } from "../operations.ts";

/** Extra fields on every tRPC error: the same machine code and field list as REST problems. */
export interface KabinetErrorData {
  code: string;
  httpStatus: number;
  problem: ErrorCode;
  errors?: FieldError[];
  retryAfter?: number;
}

/** File operations stream their chunks over tRPC (as an async iterable); others answer once. */
type ProcedureOutput<Op extends Operation> = Op extends { produces: string }
  ? AsyncIterable<string>
  : z.output<Op["output"]>;

type ProcedureFor<Op extends Operation> = Op["method"] extends "GET"
  ? TRPCQueryProcedure<{ input: z.input<Op["input"]>; output: ProcedureOutput<Op>; meta: object }>
  : TRPCMutationProcedure<{
      input: z.input<Op["input"]>;
      output: ProcedureOutput<Op>;
      meta: object;
    }>;

export type RouterRecordFor<T extends OperationTable> = {
  [G in keyof T]: { [N in keyof T[G]]: ProcedureFor<T[G][N]> };
};

/**
 * The tRPC router an operation table becomes: GET operations are queries, the rest mutations,
 * with the operations' own input and output types. Types only: no server code crosses this line.
 */
export type TrpcRouterFor<T extends OperationTable, Ctx extends object = object> = TRPCBuiltRouter<
  {
    ctx: Ctx;
    meta: object;
    errorShape: { code: number; message: string; data: KabinetErrorData };
    transformer: false;
  },
  RouterRecordFor<T>
>;

/** The API's tRPC router, as the web app and other tRPC clients see it. */
export type AppRouter = TrpcRouterFor<Operations>;
export type RouterInputs = inferRouterInputs<AppRouter>;
export type RouterOutputs = inferRouterOutputs<AppRouter>;
