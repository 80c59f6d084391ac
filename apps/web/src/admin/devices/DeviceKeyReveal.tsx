import { useTranslation } from "react-i18next";

import type { Device } from "@kabinet/contracts";

import { SecretReveal } from "../components/SecretReveal.tsx";

/** A device's new API key, which the API answers only this once. */
export function DeviceKeyReveal({
  device,
  apiKey,
}: {
  device: Pick<Device, "name">;
  apiKey: string;
}) {
  const { t } = useTranslation();
  return (
    <SecretReveal
      title={t("admin.devices.keyTitle", { name: device.name })}
      secret={apiKey}
      hint={t("admin.devices.keyHint")}
    />
  );
}
