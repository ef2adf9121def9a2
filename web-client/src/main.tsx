import { StrictMode } from "react";
import { createRoot } from "react-dom/client";
import { Session } from "./auth/session";
import { loadConfig } from "./config";
import { App } from "./ui/App";
import "./ui/styles.css";

const root = createRoot(document.getElementById("root")!);
try {
  const session = new Session(await loadConfig());
  await session.start();
  root.render(
    <StrictMode>
      <App session={session} />
    </StrictMode>,
  );
} catch (error) {
  console.error(error);
  root.render(
    <main>
      <h1>Chat could not start</h1>
      <p role="alert">{error instanceof Error ? error.message : String(error)}</p>
    </main>,
  );
}
