import { useId, useState, type FormEvent, type KeyboardEvent } from "react";
import type { Channel } from "../generated/schemas";
import { mentionOf } from "../model/mentions";
import { activeOthers, useDirectory } from "./Directory";
import { authorName } from "./MessageText";

/** A completion offered after "#" (a channel) or "@" (a person, or the whole channel): what it shows and writes. */
interface Suggestion {
  readonly key: string;
  readonly label: string;
  readonly insert: string;
}

/**
 * A message box that sends on Enter (Shift+Enter for a new line) and suggests channels after "#" and people after "@":
 * Up and Down choose, Enter or Tab completes, Escape closes the list. A person becomes a mention the server reads
 * (`<@id>`), shown as their name once sent.
 */
export function Composer(props: {
  label: string;
  channels: ReadonlyMap<string, Channel>;
  onSend: (content: string) => void;
}) {
  const id = useId();
  const { people, readerId } = useDirectory();
  const [text, setText] = useState("");
  const [caret, setCaret] = useState(0);
  const [chosen, setChosen] = useState(0);
  const [dismissed, setDismissed] = useState(false);

  const tag = /([#@])([\p{L}\p{N}._-]*)$/u.exec(text.slice(0, caret));
  const prefix = tag?.[2]!.toLowerCase() ?? "";
  const candidates: Suggestion[] = !tag || dismissed ? []
    : tag[1] === "#"
      ? [...props.channels.values()].map((c) => ({ key: c.id, label: `#${c.slug}`, insert: `#${c.slug}` }))
        .filter((c) => c.label.slice(1).startsWith(prefix))
      : [
          ...activeOthers(people, readerId)
            .map((p) => ({ key: p.user_id, label: `@${authorName(people, p.user_id)}`, insert: mentionOf(p.user_id) })),
          { key: "channel", label: "@channel (everyone here)", insert: mentionOf(null) },
        ].filter((p) => p.label.slice(1).toLowerCase().startsWith(prefix));
  const suggestions = candidates.slice(0, 8);
  const open = suggestions.length > 0;
  const active = open ? Math.min(chosen, suggestions.length - 1) : -1;

  const send = (event?: FormEvent) => {
    event?.preventDefault();
    const content = text.trim();
    if (content === "") return;
    props.onSend(content);
    setText("");
  };

  const complete = (suggestion: Suggestion) => {
    const start = caret - (tag?.[0].length ?? 0);
    const next = `${text.slice(0, start)}${suggestion.insert} ${text.slice(caret)}`;
    setText(next);
    setCaret(start + suggestion.insert.length + 1);
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
      <ul id={`${id}-channels`} role="listbox" aria-label={tag?.[1] === "@" ? "People" : "Channels"}
        className="suggestions" hidden={!open}>
        {suggestions.map((suggestion, i) => (
          <li key={suggestion.key} id={`${id}-channel-${i}`} role="option" aria-selected={i === active}
            onMouseDown={(e) => { e.preventDefault(); complete(suggestion); }}>
            {suggestion.label}
          </li>
        ))}
      </ul>
      <button type="submit" disabled={text.trim() === ""}>Send</button>
    </form>
  );
}
