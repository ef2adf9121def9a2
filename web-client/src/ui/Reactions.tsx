import { useId, useState } from "react";
import type { ChatApi } from "../api/chat";
import type { Reaction } from "../generated/schemas";

/** What the picker offers; any emoji or :short_name: others send is shown too. */
const QUICK = ["👍", "❤️", "😂", "🎉", "👀", "✅"];

/**
 * A message's reactions: each emoji with its count, pressed when the reader reacted with it (a click toggles), and a
 * small picker to add one. The server's answer gives the count; events bring everyone else's.
 */
export function Reactions(props: {
  api: ChatApi;
  messageId: string;
  reactions: readonly Reaction[];
  onCount: (emoji: string, count: number, me: boolean) => void;
  onError: (error: unknown) => void;
}) {
  const { api, messageId, reactions } = props;
  const id = useId();
  const [picking, setPicking] = useState(false);
  const toggle = (emoji: string, mine: boolean) => {
    const call = mine ? api.unreact(messageId, emoji) : api.react(messageId, emoji);
    call.then((answer) => props.onCount(emoji, answer.count, !mine), props.onError);
  };
  return (
    <div className="reactions">
      {reactions.map((reaction) => (
        <button key={reaction.emoji} type="button" className="reaction" aria-pressed={reaction.me}
          aria-label={`${reaction.emoji} ${reaction.count}${reaction.me ? ", including you" : ""}`}
          onClick={() => toggle(reaction.emoji, reaction.me)}>
          {reaction.emoji} {reaction.count}
        </button>
      ))}
      <button type="button" className="quiet" aria-expanded={picking} aria-controls={`${id}-picker`}
        onClick={() => setPicking(!picking)}>
        Add reaction
      </button>
      {picking && (
        <span id={`${id}-picker`} role="group" aria-label="Reactions to add" className="picker">
          {QUICK.map((emoji) => (
            <button key={emoji} type="button" aria-label={`React with ${emoji}`} onClick={() => {
              setPicking(false);
              toggle(emoji, reactions.some((reaction) => reaction.emoji === emoji && reaction.me));
            }}>
              {emoji}
            </button>
          ))}
        </span>
      )}
    </div>
  );
}
