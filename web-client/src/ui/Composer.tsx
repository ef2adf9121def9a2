import { useId, useState, type FormEvent, type KeyboardEvent } from "react";
import type { Channel } from "../generated/schemas";

/**
 * A message box that sends on Enter (Shift+Enter for a new line) and suggests channels after "#": Up and Down choose,
 * Enter or Tab completes, Escape closes the list.
 */
export function Composer(props: {
  label: string;
  channels: ReadonlyMap<string, Channel>;
  onSend: (content: string) => void;
}) {
  const id = useId();
  const [text, setText] = useState("");
  const [caret, setCaret] = useState(0);
  const [chosen, setChosen] = useState(0);
  const [dismissed, setDismissed] = useState(false);

  const tag = /#([a-z0-9_-]*)$/i.exec(text.slice(0, caret));
  const suggestions = tag && !dismissed
    ? [...props.channels.values()].filter((c) => c.slug.startsWith(tag[1]!.toLowerCase())).slice(0, 8)
    : [];
  const open = suggestions.length > 0;
  const active = open ? Math.min(chosen, suggestions.length - 1) : -1;

  const send = (event?: FormEvent) => {
    event?.preventDefault();
    const content = text.trim();
    if (content === "") return;
    props.onSend(content);
    setText("");
  };

  const complete = (channel: Channel) => {
    const start = caret - (tag?.[0].length ?? 0);
    const next = `${text.slice(0, start)}#${channel.slug} ${text.slice(caret)}`;
    setText(next);
    setCaret(start + channel.slug.length + 2);
    setChosen(0);
  };

  const keyDown = (event: KeyboardEvent<HTMLTextAreaElement>) => {
    if (open && (event.key === "ArrowDown" || event.key === "ArrowUp")) {
      event.preventDefault();
      const step = event.key === "ArrowDown" ? 1 : suggestions.length - 1;
      setChosen((active + step) % suggestions.length);
    } else if (open && (event.key === "Enter" || event.key === "Tab")) {
      event.preventDefault();
      complete(suggestions[active]!);
    } else if (open && event.key === "Escape") {
      event.preventDefault();
      setDismissed(true);
    } else if (event.key === "Enter" && !event.shiftKey) {
      event.preventDefault();
      send();
    }
  };

  return (
    <form className="composer" onSubmit={send}>
      <label htmlFor={`${id}-text`} className="visually-hidden">{props.label}</label>
      <textarea id={`${id}-text`} value={text} rows={2} placeholder={props.label}
        role="combobox" aria-autocomplete="list" aria-expanded={open} aria-controls={`${id}-channels`}
        aria-activedescendant={open ? `${id}-channel-${active}` : undefined}
        onChange={(e) => { setText(e.target.value); setCaret(e.target.selectionStart); setDismissed(false); }}
        onSelect={(e) => setCaret(e.currentTarget.selectionStart)}
        onKeyDown={keyDown} />
      <ul id={`${id}-channels`} role="listbox" aria-label="Channels" className="suggestions" hidden={!open}>
        {suggestions.map((channel, i) => (
          <li key={channel.id} id={`${id}-channel-${i}`} role="option" aria-selected={i === active}
            onMouseDown={(e) => { e.preventDefault(); complete(channel); }}>
            #{channel.slug}
          </li>
        ))}
      </ul>
      <button type="submit" disabled={text.trim() === ""}>Send</button>
    </form>
  );
}
