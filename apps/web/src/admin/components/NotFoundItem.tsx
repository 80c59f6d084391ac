import { Stack } from "@mantine/core";

import type { ErrorCode } from "@kabinet/contracts";

import { ProblemAlert } from "../../components/ProblemAlert.tsx";
import { BackLink } from "./BackLink.tsx";

/** An address whose user, group or device does not exist (or never could: a malformed id). */
export function NotFoundItem({
  code,
  back,
  backLabel,
}: {
  code: ErrorCode;
  back: string;
  backLabel: string;
}) {
  return (
    <Stack gap="md">
      <BackLink to={back}>{backLabel}</BackLink>
      <ProblemAlert error={{ code, httpStatus: 404, fieldErrors: [], retryAfter: undefined }} />
    </Stack>
  );
}
