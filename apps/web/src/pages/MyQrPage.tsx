import { Alert, Button, Group, Paper, Progress, Skeleton, Stack, Text } from "@mantine/core";
import { useTranslation } from "react-i18next";

import { PageHeader } from "../components/PageHeader.tsx";
import { ProblemAlert } from "../components/ProblemAlert.tsx";
import { formatCountdown, remainingPercent, secondsLeft } from "../qr/qr-timing.ts";
import { useMyQr, type ShownQr } from "../qr/use-my-qr.ts";

/** Width of the code on screen: the whole width of a phone, never so wide that a scanner must step back. */
const CODE_WIDTH = 400;

function QrCard({ shown, now }: { shown: ShownQr; now: number }) {
  const { t } = useTranslation();
  const left = secondsLeft(shown, now);
  return (
    <Stack gap="sm">
      <Paper withBorder radius="lg" p="xs" bg="white" shadow="sm">
        <img
          src={shown.image}
          alt={t("qr.imageLabel")}
          data-testid="qr-image"
          width={CODE_WIDTH}
          height={CODE_WIDTH}
          style={{ display: "block", width: "100%", height: "auto", imageRendering: "pixelated" }}
        />
        <Text
          ta="center"
          size="xs"
          c="dimmed"
          ff="monospace"
          data-testid="qr-code-text"
          style={{ overflowWrap: "anywhere" }}
        >
          {shown.code}
        </Text>
      </Paper>
      <Stack gap={6}>
        <Group justify="space-between" gap="xs" wrap="nowrap">
          <Text size="sm">{t("qr.validFor")}</Text>
          <Text
            fw={700}
            fz="xl"
            ff="monospace"
            role="timer"
            data-testid="qr-countdown"
            data-expire={shown.time_expire}
          >
            {formatCountdown(left)}
          </Text>
        </Group>
        <Progress
          value={remainingPercent(shown, now)}
          size="md"
          radius="xl"
          transitionDuration={250}
          aria-label={t("qr.validFor")}
        />
        <Text size="xs" c="dimmed">
          {t("qr.renewsItself")}
        </Text>
      </Stack>
    </Stack>
  );
}

function QrPlaceholder() {
  const { t } = useTranslation();
  return (
    <Stack
      gap="sm"
      aria-busy="true"
      role="status"
      aria-label={t("qr.loading")}
      data-testid="qr-loading"
    >
      <Skeleton radius="lg" style={{ aspectRatio: "1 / 1" }} h="auto" />
      <Skeleton height={24} radius="sm" />
      <Skeleton height={10} radius="xl" />
    </Stack>
  );
}

/** My personal code, to hold to a machine's scanner: large, high-contrast, renewed on its own. */
export function MyQrPage() {
  const { t } = useTranslation();
  const qr = useMyQr();
  return (
    <Stack gap="md" w="100%" maw={CODE_WIDTH + 24} mx="auto">
      <PageHeader title={t("qr.title")} hint={t("qr.hint")} centered />
      {qr.shown && <QrCard shown={qr.shown} now={qr.now} />}
      {qr.waiting && <QrPlaceholder />}
      {qr.failed &&
        (qr.error ? (
          <ProblemAlert
            error={qr.error}
            title={t("qr.loadFailed")}
            onRetry={qr.retry}
            retrying={qr.retrying}
          />
        ) : (
          <Alert color="yellow" variant="light" title={t("qr.clockTitle")} role="alert">
            <Stack gap="xs" align="flex-start">
              <Text size="sm">{t("qr.clockText")}</Text>
              <Button
                size="xs"
                variant="white"
                color="yellow"
                onClick={qr.retry}
                loading={qr.retrying}
              >
                {t("common.retry")}
              </Button>
            </Stack>
          </Alert>
        ))}
      {qr.renewalFailed && (
        <ProblemAlert
          error={qr.error}
          title={t("qr.renewalFailed")}
          onRetry={qr.retry}
          retrying={qr.retrying}
        />
      )}
    </Stack>
  );
}
