import { Alert, Stack } from "@mantine/core";
import { useQuery } from "@tanstack/react-query";
import { useTranslation } from "react-i18next";

import { EditableProfile } from "../../components/EditableProfile.tsx";
import { ProfileSkeleton, useSignedInUser } from "../../components/SignedInArea.tsx";
import { useTRPC } from "../../trpc.ts";
import { mayEdit, mayManage, mayResetPassword } from "../access.ts";
import { BackLink } from "../components/BackLink.tsx";
import { ItemQuery, ItemRoute, type ItemKind } from "../components/ItemPage.tsx";
import { AvatarUpload } from "./AvatarUpload.tsx";
import { UserAccessPanel } from "./UserAccessPanel.tsx";
import { UserAccountActions } from "./UserAccountActions.tsx";
import { UserEditForm } from "./UserEditForm.tsx";

function UserDetail({ id, kind }: { id: number; kind: ItemKind }) {
  const { t } = useTranslation();
  const trpc = useTRPC();
  const me = useSignedInUser();
  const user = useQuery(trpc.users.get.queryOptions({ id }));
  return (
    <ItemQuery query={user} kind={kind} skeleton={<ProfileSkeleton />}>
      {(account) => {
        const editable = mayEdit(me, account);
        return (
          <Stack gap="md">
            <BackLink to={kind.back}>{kind.backLabel}</BackLink>
            {account.state === "deleted" && (
              <Alert color="gray" variant="light">
                {t("admin.user.deleted")}
              </Alert>
            )}
            <EditableProfile
              user={account}
              savedText={t("admin.user.saved")}
              editForm={
                editable ? (onDone) => <UserEditForm user={account} onDone={onDone} /> : undefined
              }
            />
            {editable && <AvatarUpload user={account} />}
            <UserAccessPanel user={account} />
            {mayManage(me, account) && (
              <UserAccountActions user={account} mayReset={mayResetPassword(me, account)} />
            )}
          </Stack>
        );
      }}
    </ItemQuery>
  );
}

export function UserDetailPage() {
  const { t } = useTranslation();
  const kind = {
    code: "user_not_found",
    back: "/admin/users",
    backLabel: t("admin.user.back"),
  } as const;
  return <ItemRoute kind={kind}>{(id) => <UserDetail id={id} kind={kind} />}</ItemRoute>;
}
