import { z } from "zod";

import type { ErrorCode } from "../core/errors.ts";
import { PROBLEM_DETAIL_MAX } from "../core/problem.ts";
import { deviceOfPermission } from "../permissions/catalog.ts";
import { QR_SYMBOL_MAX, QrWindow } from "../qr/schemas.ts";
import { defineLegacyApi, legacyRoute } from "./define.ts";

/**
 * The QR access API of door terminals and machine stations: who a scanned code belongs to, and
 * a signed-in person's current code. Its answers are plain objects; its errors carry numbers.
 */

/** The original's error numbers, and the messages its terminals show. */
const errorNumbers = {
  unknown: { error: 1, error_msg: "Неизвестная ошибка" },
  user_not_found: { error: 10, error_msg: "Пользователь не найден" },
  qr_code_missing: { error: 101, error_msg: "Код не был отправлен с клиента" },
  qr_code_unknown: { error: 102, error_msg: "Код отсутствует в базе данных" },
  qr_code_not_yet_valid: {
    error: 103,
    error_msg: "Код пока не действителен, будет действителен через время",
  },
  qr_code_expired: { error: 104, error_msg: "Код просрочен" },
} as const satisfies Record<string, { error: number; error_msg: string }>;

const documented = new Set<string>(Object.keys(errorNumbers));

const QrAccessError = z
  .object({
    error: z.number().int().meta({ description: "1, 10, 101, 102, 103 or 104" }),
    error_msg: z.string().max(PROBLEM_DETAIL_MAX),
  })
  .meta({ id: "QrAccessError" });

const Code = z.object({
  code: z
    .string()
    .max(QR_SYMBOL_MAX)
    .optional()
    .meta({ description: "The code read from the QR image" }),
});

const QrAccessUser = z
  .object({
    username: z.string().max(32),
    fullname: z.string().max(194),
    permissions: z.record(z.string().max(48), z.literal(true)).meta({
      description: "The devices the person may use, by device slug",
      example: { "laser-cutter": true },
    }),
  })
  .meta({ id: "QrAccessUser" });

/** The look-up, the same by query string or by body. */
const getUser = (method: "GET" | "POST", encoding: "query" | "json-or-form") =>
  legacyRoute({
    method,
    path: "/api/getUser",
    summary: "Who a scanned code belongs to",
    encoding,
    input: Code,
    output: QrAccessUser,
    runs: "qr.resolve",
    toInput: ({ code }) => ({ code }),
    toOutput: (resolution) => ({
      username: resolution.username,
      fullname: resolution.fullname,
      permissions: Object.fromEntries(
        resolution.permissions.flatMap((name) => {
          const slug = deviceOfPermission(name);
          return slug ? [[slug, true as const]] : [];
        }),
      ),
    }),
  });

export const qrAccess = defineLegacyApi({
  name: "QR access",
  prefixes: ["/api/"],
  // Terminals send their device key; people their access token or the web app's cookie.
  credentials: ["bearer", "web-cookie"],
  envelope: {
    ok: { wrap: (data) => data, schema: (data) => data },
    // The errors the original defined are answered as it answered them, with 200; failures
    // it never had (a refused key, a rate limit, an outage) keep their HTTP status.
    error: (problem) => {
      const code: ErrorCode = problem.code;
      if (documented.has(code))
        return { status: 200, body: errorNumbers[code as keyof typeof errorNumbers] };
      return { status: problem.status, body: { error: 1, error_msg: problem.detail } };
    },
    errorSchema: QrAccessError,
  },
  routes: {
    getUserByQuery: getUser("GET", "query"),
    getUserByBody: getUser("POST", "json-or-form"),
    qr: legacyRoute({
      method: "GET",
      path: "/api/qr",
      summary: "My current QR code",
      encoding: "query",
      input: z.object({}),
      output: QrWindow,
      runs: "me.qr",
      toInput: () => ({}),
      toOutput: ({ code, time_start, time_expire }) => ({ code, time_start, time_expire }),
    }),
  },
});
