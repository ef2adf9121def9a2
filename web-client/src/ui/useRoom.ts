import { useEffect, useRef } from "react";
import type { LiveConnection, RoomListener } from "../live/connection";

/**
 * Holds {@code room} while the component shows it (null: none). The listener may change on every render; the
 * subscription does not.
 */
export function useRoom(live: LiveConnection, room: string | null, listener: RoomListener): void {
  const current = useRef(listener);
  current.current = listener;
  useEffect(() => {
    if (room === null) return;
    return live.subscribe(room, {
      sync: () => current.current.sync(),
      event: (event, frame) => current.current.event(event, frame),
      refused: (code, message) => current.current.refused?.(code, message),
    });
  }, [live, room]);
}
