import type { TFunction } from "i18next";

import type { MyConfirmation } from "@kabinet/contracts";

/** How a confirmation's state is shown: its words, a colour, and whether it is settled. */
export interface ConfirmationStatusView {
  label: string;
  detail: string;
  color: "gray" | "yellow" | "green" | "red" | "orange";
}

const colors = {
  none: "gray",
  pending: "yellow",
  approved: "green",
  expired: "orange",
  rejected: "red",
} as const satisfies Record<MyConfirmation["status"], ConfirmationStatusView["color"]>;

/** A day of a timestamp, in the reader's language and time zone. */
export function formatDay(iso: string, language: string): string {
  return new Intl.DateTimeFormat(language, { dateStyle: "long" }).format(new Date(iso));
}

/** One's confirmation as words: what the state is, and the date or reason that goes with it. */
export function confirmationStatusView(
  t: TFunction,
  confirmation: MyConfirmation,
  language: string,
): ConfirmationStatusView {
  const day = (iso: string | null) => (iso ? formatDay(iso, language) : "");
  const { status } = confirmation;
  const detail = {
    none: () => t("confirmation.detail.none"),
    pending: () => t("confirmation.detail.pending", { date: day(confirmation.submitted_at) }),
    approved: () => t("confirmation.detail.approved", { date: day(confirmation.confirmed_until) }),
    expired: () => t("confirmation.detail.expired", { date: day(confirmation.confirmed_until) }),
    rejected: () =>
      confirmation.reason
        ? t("confirmation.detail.rejected", { reason: confirmation.reason })
        : t("confirmation.detail.rejectedNoReason"),
  }[status]();
  return { label: t(`confirmation.status.${status}`), detail, color: colors[status] };
}

/** Sending a new scan ends a current confirmation, or replaces a scan under review: said first. */
export function replacesSomething(confirmation: MyConfirmation): boolean {
  return confirmation.confirmed || confirmation.status === "pending";
}
