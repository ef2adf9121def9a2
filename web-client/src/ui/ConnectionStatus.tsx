import { useSyncExternalStore } from "react";
import type { LiveConnection } from "../live/connection";

const WORDS = { connecting: "Connecting…", open: "Live", reconnecting: "Reconnecting…", stopped: "Offline" } as const;

/** Whether what is on screen is live; announced to screen readers when it changes. */
export function ConnectionStatus({ live }: { live: LiveConnection }) {
  const state = useSyncExternalStore(
    (listener) => live.onState(listener),
    () => live.state,
  );
  return (
    <p role="status" className={`connection connection-${state}`} data-state={state}>
      {WORDS[state]}
    </p>
  );
}
