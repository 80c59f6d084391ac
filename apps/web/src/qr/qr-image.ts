import { toString as qrToString } from "qrcode";

/**
 * A code as an SVG picture: black on white, medium error correction. The quiet zone drawn is 2
 * modules: the white card and page around it make up the rest, and the modules stay larger.
 */
export function qrSvg(text: string): Promise<string> {
  return qrToString(text, {
    type: "svg",
    errorCorrectionLevel: "M",
    margin: 2,
    color: { dark: "#000000ff", light: "#ffffffff" },
  });
}

/** The picture as an image address, so it is shown by an `<img>` and scales with it. */
export async function qrImageUrl(text: string): Promise<string> {
  return `data:image/svg+xml;charset=utf-8,${encodeURIComponent(await qrSvg(text))}`;
}
