import { Alert, Button, Code, CopyButton, Group, Stack, Text } from "@mantine/core";
import { useTranslation } from "react-i18next";

interface SecretRevealProps {
  title: string;
  secret: string;
  hint?: string;
}

/** A generated password the API answers once: shown with a copy button and a warning. */
export function SecretReveal({ title, secret, hint }: SecretRevealProps) {
  const { t } = useTranslation();
  return (
    <Alert color="yellow" variant="light" title={title} data-testid="secret">
      <Stack gap="xs">
        <Group gap="sm" wrap="nowrap">
          <Code
            fz="md"
            data-testid="secret-value"
            style={{ userSelect: "all", overflowWrap: "anywhere" }}
          >
            {secret}
          </Code>
          <CopyButton value={secret}>
            {({ copied, copy }) => (
              <Button
                size="xs"
                variant={copied ? "filled" : "light"}
                color={copied ? "teal" : undefined}
                onClick={copy}
              >
                {copied ? t("admin.copied") : t("admin.copy")}
              </Button>
            )}
          </CopyButton>
        </Group>
        {hint && <Text size="sm">{hint}</Text>}
        <Text size="sm" fw={600}>
          {t("admin.secretWarning")}
        </Text>
      </Stack>
    </Alert>
  );
}
