import { useState, type ReactNode } from "react";

import type { User } from "@kabinet/contracts";

import { FormActions } from "./FormActions.tsx";
import { FormCard, type FormCardBody } from "./FormCard.tsx";
import { ProfileView } from "./ProfileView.tsx";
import { SavedNotice } from "./SavedNotice.tsx";

interface EditableProfileProps {
  user: User;
  /** Without it the account is shown read-only. */
  editForm?: (onDone: (saved: boolean) => void) => ReactNode;
  savedText: string;
}

/** An account's details, which turn into its edit form and back, saying when a change was saved. */
export function EditableProfile({ user, editForm, savedText }: EditableProfileProps) {
  const [editing, setEditing] = useState(false);
  const [saved, setSaved] = useState(false);
  if (editing && editForm) {
    return editForm((didSave) => {
      setSaved(didSave);
      setEditing(false);
    });
  }
  return (
    <>
      <SavedNotice shown={saved} onClose={() => setSaved(false)}>
        {savedText}
      </SavedNotice>
      <ProfileView
        user={user}
        onEdit={
          editForm &&
          (() => {
            setSaved(false);
            setEditing(true);
          })
        }
      />
    </>
  );
}

interface ProfileFormCardProps extends FormCardBody {
  title: string;
  /** Closes the form; `saved` says whether it was saved. */
  onDone: (saved: boolean) => void;
  pending: boolean;
}

/** The form an editable profile turns into: it closes when saved, or cancelled. */
export function ProfileFormCard({ onDone, pending, children, ...card }: ProfileFormCardProps) {
  return (
    <FormCard level={1} {...card}>
      {children}
      <FormActions onCancel={() => onDone(false)} pending={pending} />
    </FormCard>
  );
}
