export {
  createClient,
  operationNames,
  type CallOptions,
  type ClientCore,
  type ClientOptions,
  type FetchLike,
  type FetchResponse,
  type HeadersOption,
  type KabinetClient,
  type OperationMethod,
  type OperationMethods,
  type OperationName,
} from "./client.ts";
export { paginate, type Page } from "./paginate.ts";
export {
  toBase64,
  upload,
  type UploadFields,
  type UploadOperationName,
  type UploadSource,
} from "./upload.ts";
export { isKabinetError, KabinetError, KabinetRequestError, type RequestInfo } from "./errors.ts";
export type { Tokens, TokensInput } from "./tokens.ts";
// The contracts' schemas (each also a type), for forms and for code that validates data itself.
export {
  AuthResult,
  errorCatalog,
  FieldError,
  Group,
  LogEntry,
  operations,
  Problem,
  Session,
  Token,
  User,
  UserSummary,
  type ErrorCode,
  type InputOf,
  type Operation,
  type Operations,
  type OutputOf,
} from "@kabinet/contracts";
