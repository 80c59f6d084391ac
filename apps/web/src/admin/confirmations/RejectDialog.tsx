import { zodResolver } from "@hookform/resolvers/zod";
import { Modal, Stack, Textarea } from "@mantine/core";
import { useMutation } from "@tanstack/react-query";
import { useForm } from "react-hook-form";
import { useTranslation } from "react-i18next";

import { RejectInput } from "@kabinet/contracts";

import { FormActions } from "../../components/FormActions.tsx";
import { ProblemAlert } from "../../components/ProblemAlert.tsx";
import { useFormFields } from "../../forms/use-form-fields.ts";
import { useFormProblem } from "../../forms/use-form-problem.ts";
import { useTRPC } from "../../trpc.ts";
import { isGoneFromQueue } from "./review-outcome.ts";

const Reason = RejectInput.pick({ reason: true });
const REASON_MAX = RejectInput.shape.reason.maxLength ?? undefined;

interface RejectDialogProps {
  id: number;
  name: string;
  onClose: () => void;
  onRejected: () => void;
  /** The request left the queue before this reviewer's decision. */
  onGone: () => void;
}

/** Rejecting takes a reason, which the person is shown. */
export function RejectDialog({ id, name, onClose, onRejected, onGone }: RejectDialogProps) {
  const { t } = useTranslation();
  const trpc = useTRPC();
  const form = useForm({ resolver: zodResolver(Reason), defaultValues: { reason: "" } });
  const { bind } = useFormFields(form);
  const { problem, report, submit } = useFormProblem(form, { fields: { reason: "reason" } });
  const reject = useMutation(
    trpc.confirmations.reject.mutationOptions({
      onSuccess: onRejected,
      onError: (error) => (isGoneFromQueue(error) ? onGone() : report(error)),
    }),
  );
  return (
    <Modal
      opened
      onClose={onClose}
      title={t("reviewQueue.rejectTitle", { name })}
      centered
      closeButtonProps={{ "aria-label": t("admin.closeDialog") }}
    >
      {/* The fields are checked by the schema; the browser's own bubbles would say it differently. */}
      <form noValidate onSubmit={submit(({ reason }) => reject.mutate({ id, reason }))}>
        <Stack gap="md">
          {problem && <ProblemAlert error={problem} />}
          <Textarea
            label={t("reviewQueue.reason")}
            description={t("reviewQueue.reasonHint")}
            required
            autosize
            minRows={3}
            maxRows={6}
            maxLength={REASON_MAX}
            data-autofocus
            {...bind("reason")}
          />
          <FormActions
            onCancel={onClose}
            pending={reject.isPending}
            submitLabel={t("reviewQueue.reject")}
          />
        </Stack>
      </form>
    </Modal>
  );
}
