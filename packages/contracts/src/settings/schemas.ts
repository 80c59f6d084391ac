import { z } from "zod";

export const ServerSettings = z
  .object({
    qr_keyless_resolve: z.boolean().meta({
      description:
        "Allow QR resolution without a device key, as the QR access API did, rate-limited per address",
    }),
  })
  .meta({ id: "ServerSettings" });
export type ServerSettings = z.infer<typeof ServerSettings>;
