import { Alert, Button, Group, Modal, Slider, Stack, Text } from "@mantine/core";
import { useMutation } from "@tanstack/react-query";
import { useEffect, useId, useRef, useState, type KeyboardEvent, type PointerEvent } from "react";
import { useTranslation } from "react-i18next";

import type { User } from "@kabinet/contracts";

import { ProblemAlert } from "../components/ProblemAlert.tsx";
import {
  CENTERED,
  clampView,
  cropRect,
  dragView,
  freeRoom,
  keyView,
  MAX_ZOOM,
  MIN_ZOOM,
  outputSide,
  type CropRect,
  type CropView,
} from "../images/crop.ts";
import { fileToBase64 } from "../images/image-file.ts";
import { useTRPC } from "../trpc.ts";

/** The preview's side in CSS pixels; it shrinks with a narrow screen. */
const PREVIEW_SIDE = 240;

function drawCrop(canvas: HTMLCanvasElement, image: ImageBitmap, rect: CropRect, side: number) {
  canvas.width = side;
  canvas.height = side;
  const context = canvas.getContext("2d");
  if (!context) return false;
  context.imageSmoothingQuality = "high";
  context.clearRect(0, 0, side, side);
  context.drawImage(image, rect.sx, rect.sy, rect.side, rect.side, 0, 0, side, side);
  return true;
}

/** The square as an image file: WebP where the browser writes it, PNG otherwise. */
async function cropToBlob(image: ImageBitmap, view: CropView): Promise<Blob | null> {
  const rect = cropRect(image, view);
  const canvas = document.createElement("canvas");
  if (!drawCrop(canvas, image, rect, outputSide(rect))) return null;
  return new Promise((resolve) => canvas.toBlob(resolve, "image/webp", 0.92));
}

/** Decodes the chosen file once; null until then, or for good when it is not an image. */
function useDecoded(file: File) {
  const [state, setState] = useState<{ image: ImageBitmap | null; failed: boolean }>({
    image: null,
    failed: false,
  });
  useEffect(() => {
    let current = true;
    let decoded: ImageBitmap | undefined;
    createImageBitmap(file).then(
      (image) => {
        decoded = image;
        if (current) setState({ image, failed: false });
        else image.close();
      },
      () => {
        if (current) setState({ image: null, failed: true });
      },
    );
    return () => {
      current = false;
      decoded?.close();
    };
  }, [file]);
  return state;
}

interface AvatarCropDialogProps {
  file: File;
  onClose: () => void;
  onSaved: (account: User) => void;
}

/**
 * The chosen picture, cut to a square the person places: by dragging it, with the arrow and
 * +/- keys on the preview, or with the sliders. What the preview shows is what is uploaded.
 */
export function AvatarCropDialog({ file, onClose, onSaved }: AvatarCropDialogProps) {
  const { t } = useTranslation();
  const trpc = useTRPC();
  const hintId = useId();
  const { image, failed } = useDecoded(file);
  const [view, setView] = useState<CropView>(CENTERED);
  const [encodeFailed, setEncodeFailed] = useState(false);
  const canvasRef = useRef<HTMLCanvasElement>(null);
  const dragFrom = useRef<{ x: number; y: number } | null>(null);
  const upload = useMutation(trpc.me.setAvatar.mutationOptions({ onSuccess: onSaved }));

  useEffect(() => {
    const canvas = canvasRef.current;
    if (!canvas || !image) return;
    const side = Math.round(PREVIEW_SIDE * Math.min(window.devicePixelRatio || 1, 3));
    drawCrop(canvas, image, cropRect(image, view), side);
  }, [image, view]);

  const room = image ? freeRoom(image, view.zoom) : { x: 0, y: 0 };

  const onPointerDown = (event: PointerEvent<HTMLCanvasElement>) => {
    event.currentTarget.setPointerCapture(event.pointerId);
    dragFrom.current = { x: event.clientX, y: event.clientY };
  };
  const onPointerMove = (event: PointerEvent<HTMLCanvasElement>) => {
    const from = dragFrom.current;
    if (!from || !image) return;
    const shown = event.currentTarget.getBoundingClientRect().width || PREVIEW_SIDE;
    const dx = event.clientX - from.x;
    const dy = event.clientY - from.y;
    dragFrom.current = { x: event.clientX, y: event.clientY };
    setView((current) => dragView(image, current, dx, dy, shown));
  };
  const endDrag = () => {
    dragFrom.current = null;
  };
  const onKeyDown = (event: KeyboardEvent<HTMLCanvasElement>) => {
    if (!image) return;
    const next = keyView(image, view, event.key);
    if (!next) return;
    event.preventDefault();
    setView(next);
  };

  const save = async () => {
    if (!image) return;
    setEncodeFailed(false);
    const blob = await cropToBlob(image, view);
    if (!blob) {
      setEncodeFailed(true);
      return;
    }
    upload.mutate({ image: await fileToBase64(blob) });
  };

  // The label is shown above the slider and given to its thumb, which is what gets the focus.
  const slider = (
    label: string,
    props: { value: number; onChange: (value: number) => void },
    range: { min: number; max: number; step: number },
    valueText: (value: number) => string,
  ) => (
    <Stack gap={4} key={label}>
      <Text size="sm" fw={500} aria-hidden>
        {label}
      </Text>
      <Slider {...range} {...props} label={null} thumbLabel={label} thumbValueText={valueText} />
    </Stack>
  );
  const percent = (value: number) => `${Math.round(value * 100)}%`;

  return (
    <Modal
      opened
      onClose={onClose}
      title={t("avatarCrop.title")}
      centered
      closeButtonProps={{ "aria-label": t("avatarCrop.closeDialog") }}
    >
      <Stack gap="md">
        {failed && (
          <Alert color="red" variant="light" role="alert">
            {t("imageFile.unreadable")}
          </Alert>
        )}
        {image && (
          <>
            <Group justify="center">
              <canvas
                ref={canvasRef}
                role="img"
                tabIndex={0}
                aria-label={t("avatarCrop.preview")}
                aria-describedby={hintId}
                data-testid="avatar-crop-preview"
                onPointerDown={onPointerDown}
                onPointerMove={onPointerMove}
                onPointerUp={endDrag}
                onPointerCancel={endDrag}
                onKeyDown={onKeyDown}
                style={{
                  width: PREVIEW_SIDE,
                  maxWidth: "100%",
                  aspectRatio: "1",
                  borderRadius: "var(--mantine-radius-md)",
                  border: "1px solid var(--mantine-color-gray-5)",
                  cursor: "grab",
                  touchAction: "none",
                }}
              />
            </Group>
            <Text size="xs" c="dimmed" id={hintId}>
              {t("avatarCrop.previewHint")}
            </Text>
            {slider(
              t("avatarCrop.zoom"),
              {
                value: view.zoom,
                onChange: (zoom) => setView((current) => clampView({ ...current, zoom })),
              },
              { min: MIN_ZOOM, max: MAX_ZOOM, step: 0.05 },
              (zoom) => `×${zoom.toFixed(2)}`,
            )}
            {room.x > 0 &&
              slider(
                t("avatarCrop.horizontal"),
                {
                  value: view.x,
                  onChange: (x) => setView((current) => clampView({ ...current, x })),
                },
                { min: 0, max: 1, step: 0.01 },
                percent,
              )}
            {room.y > 0 &&
              slider(
                t("avatarCrop.vertical"),
                {
                  value: view.y,
                  onChange: (y) => setView((current) => clampView({ ...current, y })),
                },
                { min: 0, max: 1, step: 0.01 },
                percent,
              )}
          </>
        )}
        {encodeFailed && (
          <Alert color="red" variant="light" role="alert">
            {t("avatarCrop.encodeFailed")}
          </Alert>
        )}
        {upload.isError && <ProblemAlert error={upload.error} />}
        <Group justify="flex-end" gap="sm">
          <Button variant="default" onClick={() => setView(CENTERED)} disabled={!image}>
            {t("avatarCrop.reset")}
          </Button>
          <Button variant="default" onClick={onClose} disabled={upload.isPending}>
            {t("common.cancel")}
          </Button>
          <Button onClick={() => void save()} loading={upload.isPending} disabled={!image}>
            {t("avatarCrop.save")}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
