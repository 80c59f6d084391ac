import { useTranslation } from "react-i18next";

import { FormActions } from "./FormActions.tsx";
import { FormCard, type FormCardBody, type FormCardHeading } from "./FormCard.tsx";
import { SavedNotice } from "./SavedNotice.tsx";

type EditFormCardProps = FormCardHeading &
  FormCardBody & {
    /** The form's changes since it was loaded or last saved, and the way to discard them. */
    form: { formState: { isDirty: boolean }; reset: () => void };
    /** Whether the last submission was saved; the notice stays until the form is changed again. */
    saved: boolean;
    onSavedClose: () => void;
    savedText: string;
    pending: boolean;
  };

/**
 * An edit form that stays on the page after saving. Saving makes what was saved the form's
 * starting point (`form.reset(saved)`), so "discard" goes back to it, and with no changes there
 * is nothing to save or discard.
 */
export function EditFormCard({
  form,
  saved,
  onSavedClose,
  savedText,
  pending,
  children,
  ...card
}: EditFormCardProps) {
  const { t } = useTranslation();
  const changed = form.formState.isDirty;
  return (
    <FormCard
      {...card}
      notice={
        <SavedNotice shown={saved && !changed} onClose={onSavedClose}>
          {savedText}
        </SavedNotice>
      }
    >
      {children}
      <FormActions
        onCancel={() => form.reset()}
        pending={pending}
        unchanged={!changed}
        cancelLabel={t("admin.groups.discard")}
      />
    </FormCard>
  );
}
