import { z } from "zod";

/** What this deployment signs in with, from /config.json (served beside index.html). */
const ClientConfig = z.object({
  oidc_issuer: z.string().url(),
  oidc_client_id: z.string().min(1),
  oidc_scope: z.string().min(1),
});
export type ClientConfig = z.infer<typeof ClientConfig>;

export async function loadConfig(): Promise<ClientConfig> {
  const response = await fetch("/config.json", { cache: "no-store" });
  if (!response.ok) throw new Error(`/config.json answered ${response.status}`);
  return ClientConfig.parse(await response.json());
}
