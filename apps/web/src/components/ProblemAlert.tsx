import { Alert, Button, Group, Text } from "@mantine/core";
import { useTranslation } from "react-i18next";

import { problemMessage } from "../i18n/messages.ts";
import { problemOf, type ProblemInfo } from "../problems.ts";

interface ProblemAlertProps {
  /** A failed call, or a problem already read from one. */
  error: unknown;
  /** A heading for failures of loading; forms say only what went wrong. */
  title?: string;
  onRetry?: () => void;
  retrying?: boolean;
}

/** A failure, translated, with a way to try again where that can help. */
export function ProblemAlert({ error, title, onRetry, retrying }: ProblemAlertProps) {
  const { t } = useTranslation();
  const problem = isProblemInfo(error) ? error : problemOf(error);
  return (
    <Alert color="red" variant="light" title={title} role="alert">
      <Group justify="space-between" align="center" gap="sm">
        <Text size="sm">{problemMessage(t, problem)}</Text>
        {onRetry && (
          <Button size="xs" variant="white" color="red" onClick={onRetry} loading={retrying}>
            {t("common.retry")}
          </Button>
        )}
      </Group>
    </Alert>
  );
}

function isProblemInfo(value: unknown): value is ProblemInfo {
  return typeof value === "object" && value !== null && "code" in value && "fieldErrors" in value;
}
