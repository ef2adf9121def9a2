import type { Channel } from "../generated/schemas";
import type { People } from "./WorkspaceView";
import { parts } from "../model/mentions";
import { useDirectory } from "./Directory";
import { channelPath, navigate } from "./router";

/**
 * A message's words, with #channel tags as links to the channels the reader can see and mentions as names (the
 * reader's own marked). Display only: which tags share a thread and who a mention notifies are the server's rules
 * (common-model's ChannelTags and Mentions), not these patterns'.
 */
export function MessageText({ content, channels }: { content: string; channels: ReadonlyMap<string, Channel> }) {
  const { people, readerId } = useDirectory();
  return (
    <p className="text">
      {parts(content).map((part, i) => {
        if ("channel" in part) return <span key={i} className="mention">@channel</span>;
        if ("userId" in part) {
          const mine = part.userId === readerId;
          return <span key={i} className={mine ? "mention me" : "mention"}>@{authorName(people, part.userId)}</span>;
        }
        return <Tagged key={i} text={part.text} channels={channels} />;
      })}
    </p>
  );
}

function Tagged({ text, channels }: { text: string; channels: ReadonlyMap<string, Channel> }) {
  return (
    <>
      {text.split(/(#[a-z0-9][a-z0-9_-]*)/g).map((piece, i) => {
        const channel = piece.startsWith("#") ? channels.get(piece.slice(1)) : undefined;
        return channel ? (
          <a key={i} href={channelPath(channel.id)} onClick={(e) => { e.preventDefault(); navigate(channelPath(channel.id)); }}>
            {piece}
          </a>
        ) : (
          piece
        );
      })}
    </>
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
