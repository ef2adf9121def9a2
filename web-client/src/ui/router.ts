import { useSyncExternalStore } from "react";

/** The page's path, kept in the address bar (history API), so reloads and the back button work. */
const listeners = new Set<() => void>();
window.addEventListener("popstate", () => listeners.forEach((listener) => listener()));

export function navigate(path: string): void {
  if (path === location.pathname) return;
  history.pushState(null, "", path);
  listeners.forEach((listener) => listener());
}

export function usePath(): string {
  return useSyncExternalStore(
    (listener) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    () => location.pathname,
  );
}

/** /c/{channel id} and /c/{channel id}/t/{conversation id}. */
export function parseChannelPath(path: string): { channelId: string | null; conversationId: string | null } {
  const match = /^\/c\/([0-9a-f-]{36})(?:\/t\/([0-9a-f-]{36}))?\/?$/.exec(path);
  return { channelId: match?.[1] ?? null, conversationId: match?.[2] ?? null };
}

export const channelPath = (channelId: string) => `/c/${channelId}`;
export const threadPath = (channelId: string, conversationId: string) => `/c/${channelId}/t/${conversationId}`;
