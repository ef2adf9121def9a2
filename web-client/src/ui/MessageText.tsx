import type { Channel } from "../generated/schemas";
import type { People } from "./WorkspaceView";
import { channelPath, navigate } from "./router";

/**
 * A message's words, with #channel tags as links to the channels the reader can see. Display only: which tags share
 * a thread is the server's rule (common-model's ChannelTags, which also skips code and URLs), not this pattern's.
 */
export function MessageText({ content, channels }: { content: string; channels: ReadonlyMap<string, Channel> }) {
  const parts = content.split(/(#[a-z0-9][a-z0-9_-]*)/g);
  return (
    <p className="text">
      {parts.map((part, i) => {
        const channel = part.startsWith("#") ? channels.get(part.slice(1)) : undefined;
        return channel ? (
          <a key={i} href={channelPath(channel.id)} onClick={(e) => { e.preventDefault(); navigate(channelPath(channel.id)); }}>
            {part}
          </a>
        ) : (
          part
        );
      })}
    </p>
  );
}

export function authorName(people: People, authorId: string): string {
  const person = people.get(authorId);
  return person?.name ?? person?.email ?? "Someone";
}

const timeFormat = new Intl.DateTimeFormat(undefined, { hour: "2-digit", minute: "2-digit" });
const dayFormat = new Intl.DateTimeFormat(undefined, { month: "short", day: "numeric", hour: "2-digit", minute: "2-digit" });

/** A time as people read it: the hour today, the day and hour before. */
export function Time({ at }: { at: string }) {
  const date = new Date(at);
  const today = new Date().toDateString() === date.toDateString();
  return <time dateTime={at}>{(today ? timeFormat : dayFormat).format(date)}</time>;
}
