/// <reference types="vitest/config" />
import react from "@vitejs/plugin-react";
import type { IncomingMessage, ServerResponse } from "node:http";
import { defineConfig, type Plugin } from "vite";

// The client calls its own origin, routed as the Ingress in deploy/ routes it: /api/billing to billing-service, /ws to
// a gateway, the rest of /api to api-service. `vite` (development) and `vite preview` (what ./run serves) proxy those
// paths to the services, by default where ./run starts them.
const env = process.env;
const targets = {
  api: env.CHAT_API_URL ?? "http://127.0.0.1:8080",
  billing: env.CHAT_BILLING_URL ?? "http://127.0.0.1:8082",
  gateway: env.CHAT_GATEWAY_URL ?? "http://127.0.0.1:8081",
};
const proxy = {
  "/api/billing": { target: targets.billing },
  "/api": { target: targets.api },
  "/ws": { target: targets.gateway, ws: true },
};

/**
 * GET /config.json: what this deployment signs in with. A production deployment serves the same file beside
 * index.html, so one build runs anywhere.
 */
function clientConfig(): Plugin {
  const body = JSON.stringify({
    oidc_issuer: env.CHAT_OIDC_ISSUER ?? "http://127.0.0.1:8090/local",
    oidc_client_id: env.CHAT_OIDC_CLIENT_ID ?? "chat-web",
    oidc_scope: env.CHAT_OIDC_SCOPE ?? "openid profile email offline_access",
  });
  const serve = (req: IncomingMessage, res: ServerResponse, next: () => void) => {
    if (req.url !== "/config.json") return next();
    res.setHeader("Content-Type", "application/json");
    res.setHeader("Cache-Control", "no-store");
    res.end(body);
  };
  return {
    name: "chat-client-config",
    configureServer: (server) => void server.middlewares.use(serve),
    configurePreviewServer: (server) => void server.middlewares.use(serve),
  };
}

const port = Number(env.CHAT_WEB_PORT ?? 3000);

export default defineConfig({
  plugins: [react(), clientConfig()],
  server: { host: "127.0.0.1", port, strictPort: true, proxy },
  preview: { host: "127.0.0.1", port, strictPort: true, proxy },
  build: { sourcemap: true },
  test: { include: ["test/**/*.test.ts"], environment: "node" },
});
