import { useState, type FormEvent, type ReactNode } from "react";
import type { ChatApi } from "../api/chat";
import type { Channel } from "../generated/schemas";
import { ProblemText } from "./ProblemText";
import { channelPath, navigate } from "./router";
import { UnreadBadge } from "./UnreadBadge";

/** The channels one is in (links, with what is unread), those one could join, a form to create one, and the DMs. */
export function ChannelList(props: {
  api: ChatApi;
  workspaceId: string;
  channels: Channel[] | null;
  current: string | null;
  onChanged: (channel: Channel) => void;
  /** The direct messages, below the channels. */
  children?: ReactNode;
}) {
  const { api, channels, current, onChanged } = props;
  const [error, setError] = useState<unknown>(null);
  const joined = channels?.filter((c) => c.member) ?? [];
  const others = channels?.filter((c) => !c.member) ?? [];

  const act = async (action: () => Promise<Channel | void>, then?: (channel: Channel) => void) => {
    setError(null);
    try {
      const channel = await action();
      if (channel) {
        onChanged(channel);
        then?.(channel);
      }
    } catch (failure) {
      setError(failure);
    }
  };

  return (
    <nav className="sidebar" aria-label="Channels" aria-busy={channels === null}>
      <h2 id="joined-channels">Channels</h2>
      <ul aria-labelledby="joined-channels">
        {joined.map((channel) => (
          <li key={channel.id}>
            <a href={channelPath(channel.id)} aria-current={channel.id === current ? "page" : undefined}
              onClick={(e) => { e.preventDefault(); navigate(channelPath(channel.id)); }}>
              {channel.visibility === "private" ? "🔒 " : "# "}{channel.name}
              <UnreadBadge entry={channel} />
            </a>
            {channel.slug !== "general" && (
              <button type="button" className="quiet" aria-label={`Leave ${channel.name}`}
                onClick={() => void act(async () => {
                  await api.leaveChannel(channel.id);
                  return { ...channel, member: false };
                }, () => { if (channel.id === current) navigate("/"); })}>
                Leave
              </button>
            )}
          </li>
        ))}
      </ul>
      {others.length > 0 && (
        <>
          <h2 id="other-channels">More channels</h2>
          <ul aria-labelledby="other-channels">
            {others.map((channel) => (
              <li key={channel.id}>
                <span># {channel.name}</span>
                <button type="button" aria-label={`Join ${channel.name}`}
                  onClick={() => void act(() => api.joinChannel(channel.id), (c) => navigate(channelPath(c.id)))}>
                  Join
                </button>
              </li>
            ))}
          </ul>
        </>
      )}
      <NewChannel onCreate={(name, visibility) =>
        act(() => api.createChannel(props.workspaceId, name, visibility), (c) => navigate(channelPath(c.id)))} />
      {error !== null && <ProblemText error={error} />}
      {props.children}
    </nav>
  );
}

function NewChannel({ onCreate }: { onCreate: (name: string, visibility: "public" | "private") => Promise<void> }) {
  const [name, setName] = useState("");
  const [isPrivate, setPrivate] = useState(false);
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    await onCreate(name.trim(), isPrivate ? "private" : "public");
    setName("");
    setPrivate(false);
  };
  return (
    <form className="new-channel" onSubmit={submit} aria-label="New channel">
      <label htmlFor="new-channel-name">New channel</label>
      <input id="new-channel-name" value={name} onChange={(e) => setName(e.target.value)} maxLength={80} required />
      <label className="inline">
        <input type="checkbox" checked={isPrivate} onChange={(e) => setPrivate(e.target.checked)} /> Private
      </label>
      <button type="submit" disabled={name.trim() === ""}>Create</button>
    </form>
  );
}
