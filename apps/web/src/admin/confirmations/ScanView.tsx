import { Image, Skeleton, Text } from "@mantine/core";
import { useQuery } from "@tanstack/react-query";
import { useTranslation } from "react-i18next";

import { ProblemAlert } from "../../components/ProblemAlert.tsx";
import { fetchPrivateImage } from "../../images/private-image.ts";

/**
 * A request's scan, fetched with the reviewer's session only when asked for. It is kept in
 * memory while shown (the query cache, cleared at sign-out), never in an HTTP cache.
 */
export function ScanView({ url, alt }: { url: string; alt: string }) {
  const { t } = useTranslation();
  const scan = useQuery({
    queryKey: ["private-image", url],
    queryFn: () => fetchPrivateImage(url),
    staleTime: Infinity,
    gcTime: 0,
    retry: false,
  });
  if (scan.isPending) {
    return (
      <div aria-busy="true">
        <Skeleton height={200} maw={480} radius="sm" />
        <Text size="xs" c="dimmed" mt={4}>
          {t("reviewQueue.scanLoading")}
        </Text>
      </div>
    );
  }
  if (scan.isError) {
    return (
      <ProblemAlert
        error={scan.error}
        title={t("common.loadFailed")}
        onRetry={() => void scan.refetch()}
        retrying={scan.isFetching}
      />
    );
  }
  return (
    <Image
      src={scan.data}
      alt={alt}
      maw={480}
      radius="sm"
      fit="contain"
      style={{ border: "1px solid var(--mantine-color-gray-4)" }}
      data-testid="scan-image"
    />
  );
}
