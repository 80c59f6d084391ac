/**
 * The square part of a picture an avatar is cut from, kept independent of the size it is shown
 * at: `zoom` 1 is the largest square that fits, 4 a quarter of its side; `x` and `y` place the
 * square within the room left around it, from 0 (left, top) to 1 (right, bottom).
 */
export interface CropView {
  zoom: number;
  x: number;
  y: number;
}

export interface ImageSize {
  width: number;
  height: number;
}

/** A square of the source image, in its own pixels. */
export interface CropRect {
  sx: number;
  sy: number;
  side: number;
}

export const MIN_ZOOM = 1;
export const MAX_ZOOM = 4;
/** The avatar is stored at 512×512; a larger upload would only be scaled down. */
export const AVATAR_SIDE = 512;
/** One arrow key press moves the square by this share of its side. */
export const KEY_STEP = 0.05;
/** One +/- key press changes the zoom by this much. */
export const ZOOM_STEP = 0.25;

export const CENTERED: CropView = { zoom: MIN_ZOOM, x: 0.5, y: 0.5 };

const clamp = (value: number, min: number, max: number) =>
  Number.isFinite(value) ? Math.min(max, Math.max(min, value)) : min;

export function clampView(view: CropView): CropView {
  return {
    zoom: clamp(view.zoom, MIN_ZOOM, MAX_ZOOM),
    x: clamp(view.x, 0, 1),
    y: clamp(view.y, 0, 1),
  };
}

function sideOf(image: ImageSize, zoom: number): number {
  return Math.min(image.width, image.height) / zoom;
}

/** The room the square has to move in, along each axis (0 where it fills that axis). */
export function freeRoom(image: ImageSize, zoom: number): { x: number; y: number } {
  const side = sideOf(image, zoom);
  return { x: image.width - side, y: image.height - side };
}

export function cropRect(image: ImageSize, view: CropView): CropRect {
  const { zoom, x, y } = clampView(view);
  const room = freeRoom(image, zoom);
  return { sx: x * room.x, sy: y * room.y, side: sideOf(image, zoom) };
}

/** Moves the square by an offset in image pixels; an axis without room stays as it is. */
function moveBy(image: ImageSize, view: CropView, dx: number, dy: number): CropView {
  const room = freeRoom(image, view.zoom);
  return clampView({
    zoom: view.zoom,
    x: room.x > 0 ? view.x + dx / room.x : view.x,
    y: room.y > 0 ? view.y + dy / room.y : view.y,
  });
}

/**
 * Dragging the picture by (dx, dy) screen pixels inside a preview `previewSide` pixels wide:
 * the picture follows the pointer, so the square moves the other way.
 */
export function dragView(
  image: ImageSize,
  view: CropView,
  dx: number,
  dy: number,
  previewSide: number,
): CropView {
  const perPixel = sideOf(image, view.zoom) / previewSide;
  return moveBy(image, view, -dx * perPixel, -dy * perPixel);
}

/**
 * A key pressed on the preview: arrows move the square (so the picture shows what lies that
 * way), + and - zoom, Home centres and resets. Null for any other key.
 */
export function keyView(image: ImageSize, view: CropView, key: string): CropView | null {
  const step = sideOf(image, view.zoom) * KEY_STEP;
  switch (key) {
    case "ArrowLeft":
      return moveBy(image, view, -step, 0);
    case "ArrowRight":
      return moveBy(image, view, step, 0);
    case "ArrowUp":
      return moveBy(image, view, 0, -step);
    case "ArrowDown":
      return moveBy(image, view, 0, step);
    case "+":
    case "=":
      return clampView({ ...view, zoom: view.zoom + ZOOM_STEP });
    case "-":
      return clampView({ ...view, zoom: view.zoom - ZOOM_STEP });
    case "Home":
      return CENTERED;
    default:
      return null;
  }
}

/** The side of the uploaded square: the crop's own, never more than the stored avatar's. */
export function outputSide(rect: CropRect): number {
  return Math.max(1, Math.min(AVATAR_SIDE, Math.round(rect.side)));
}
