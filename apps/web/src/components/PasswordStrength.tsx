import { Progress, Stack, Text } from "@mantine/core";
import type { ZxcvbnFactory } from "@zxcvbn-ts/core";
import { useEffect, useState } from "react";
import { useTranslation } from "react-i18next";

import type en from "../i18n/en.json";

type WarningKey = keyof typeof en.strength.warnings;

let estimator: Promise<ZxcvbnFactory> | undefined;

/** The dictionaries are large, so they load on first use in a chunk of their own. */
function loadEstimator(): Promise<ZxcvbnFactory> {
  estimator ??= Promise.all([import("@zxcvbn-ts/core"), import("@zxcvbn-ts/language-common")]).then(
    ([core, common]) =>
      new core.ZxcvbnFactory({
        dictionary: { ...common.dictionary },
        graphs: common.adjacencyGraphs,
      }),
  );
  return estimator;
}

const colors = ["red", "red", "orange", "teal", "green"] as const;

interface Estimate {
  score: 0 | 1 | 2 | 3 | 4;
  warning: string | null;
}

/** A strength meter; the API decides what is acceptable, this only helps choose. */
export function PasswordStrength({
  password,
  userInputs,
}: {
  password: string;
  userInputs: string[];
}) {
  const { t, i18n } = useTranslation();
  const [estimate, setEstimate] = useState<Estimate | null>(null);
  const inputs = userInputs.filter(Boolean).join("\n");

  useEffect(() => {
    if (!password) return;
    let current = true;
    void loadEstimator().then((zxcvbn) => {
      if (!current) return;
      const result = zxcvbn.check(password, inputs ? inputs.split("\n") : []);
      setEstimate({ score: result.score, warning: result.feedback.warning });
    });
    return () => {
      current = false;
    };
  }, [password, inputs]);

  // An emptied field shows no meter; the estimate of what it held is set aside.
  if (!password || !estimate) return null;
  const level = t(`strength.levels.${estimate.score}`);
  // zxcvbn names its warnings; the ones it may add in a later version are simply not shown.
  const warning =
    estimate.warning && i18n.exists(`strength.warnings.${estimate.warning}`)
      ? t(`strength.warnings.${estimate.warning as WarningKey}`)
      : null;
  return (
    <Stack gap={4}>
      <Progress
        value={(estimate.score + 1) * 20}
        color={colors[estimate.score]}
        size="sm"
        aria-label={t("strength.label", { level })}
      />
      <Text size="xs" c="dimmed" aria-live="polite">
        {t("strength.label", { level })}
      </Text>
      {warning && (
        <Text size="xs" c="orange.9">
          {warning}
        </Text>
      )}
    </Stack>
  );
}
