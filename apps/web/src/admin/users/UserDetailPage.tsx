import { Alert, Stack } from "@mantine/core";
import { useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { useTranslation } from "react-i18next";

import { ProfileView } from "../../components/ProfileView.tsx";
import { ProfileSkeleton, useSignedInUser } from "../../components/SignedInArea.tsx";
import { problemOf } from "../../problems.ts";
import { useTRPC } from "../../trpc.ts";
import { mayEdit, mayManage } from "../access.ts";
import { BackLink } from "../components/BackLink.tsx";
import { NotFoundItem } from "../components/NotFoundItem.tsx";
import { QueryProblem } from "../components/QueryProblem.tsx";
import { useIdParam } from "../use-id-param.ts";
import { AvatarUpload } from "./AvatarUpload.tsx";
import { UserAccessPanel } from "./UserAccessPanel.tsx";
import { UserAccountActions } from "./UserAccountActions.tsx";
import { UserEditForm } from "./UserEditForm.tsx";

function UserDetail({ id }: { id: number }) {
  const { t } = useTranslation();
  const trpc = useTRPC();
  const me = useSignedInUser();
  const user = useQuery(trpc.users.get.queryOptions({ id }));
  const [editing, setEditing] = useState(false);
  const [saved, setSaved] = useState(false);

  if (user.isPending) return <ProfileSkeleton />;
  if (user.isError) {
    if (problemOf(user.error).code === "user_not_found") {
      return (
        <NotFoundItem code="user_not_found" back="/admin/users" backLabel={t("admin.user.back")} />
      );
    }
    return (
      <QueryProblem
        error={user.error}
        onRetry={() => void user.refetch()}
        retrying={user.isFetching}
      />
    );
  }
  const account = user.data;
  const editable = mayEdit(me, account);
  return (
    <Stack gap="md">
      <BackLink to="/admin/users">{t("admin.user.back")}</BackLink>
      {account.state === "deleted" && (
        <Alert color="gray" variant="light">
          {t("admin.user.deleted")}
        </Alert>
      )}
      {saved && !editing && (
        <Alert
          color="green"
          variant="light"
          role="status"
          withCloseButton
          onClose={() => setSaved(false)}
        >
          {t("admin.user.saved")}
        </Alert>
      )}
      {editing ? (
        <UserEditForm
          user={account}
          onDone={(didSave) => {
            setSaved(didSave);
            setEditing(false);
          }}
        />
      ) : (
        <ProfileView
          user={account}
          onEdit={
            editable
              ? () => {
                  setSaved(false);
                  setEditing(true);
                }
              : undefined
          }
        />
      )}
      {editable && <AvatarUpload user={account} />}
      <UserAccessPanel user={account} />
      {mayManage(me, account) && <UserAccountActions user={account} />}
    </Stack>
  );
}

export function UserDetailPage() {
  const { t } = useTranslation();
  const id = useIdParam();
  if (id === undefined)
    return (
      <NotFoundItem code="user_not_found" back="/admin/users" backLabel={t("admin.user.back")} />
    );
  // Keyed by id so that moving to another account starts from a clean state.
  return <UserDetail key={id} id={id} />;
}
