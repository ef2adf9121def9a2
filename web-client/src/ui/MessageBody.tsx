import { useId, useState, type FormEvent } from "react";
import type { ChatApi } from "../api/chat";
import type { Channel, Message } from "../generated/schemas";
import { MessageText } from "./MessageText";
import { Reactions } from "./Reactions";

/** The part of a message every view shows alike. */
type Shown = Pick<Message, "id" | "content" | "edited_at" | "deleted" | "reactions">;

/**
 * A message's words with "(edited)" and its reactions, or a placeholder once deleted; its author can edit it in place, and its author
 * or a workspace admin can delete it (the server decides; this only offers what it would allow).
 */
export function MessageBody(props: {
  api: ChatApi;
  message: Shown;
  channels: ReadonlyMap<string, Channel>;
  canEdit: boolean;
  canDelete: boolean;
  onEdited: (message: Message) => void;
  onDeleted: (id: string) => void;
  onReacted: (emoji: string, count: number, me: boolean) => void;
  onError: (error: unknown) => void;
}) {
  const { api, message } = props;
  const id = useId();
  const [draft, setDraft] = useState<string | null>(null);

  if (message.deleted) return <p className="text deleted">This message was deleted.</p>;

  const save = (event: FormEvent) => {
    event.preventDefault();
    const content = draft?.trim() ?? "";
    if (content === "") return;
    api.editMessage(message.id, content).then((changed) => {
      props.onEdited(changed);
      setDraft(null);
    }, props.onError);
  };
  const remove = () => {
    if (!confirm("Delete this message? This cannot be undone.")) return;
    api.deleteMessage(message.id).then(() => props.onDeleted(message.id), props.onError);
  };

  if (draft !== null) {
    return (
      <form className="edit" onSubmit={save}>
        <label htmlFor={`${id}-edit`} className="visually-hidden">Edit message</label>
        <textarea id={`${id}-edit`} value={draft} rows={2} autoFocus onChange={(e) => setDraft(e.target.value)}
          onKeyDown={(e) => {
            if (e.key === "Escape") setDraft(null);
            if (e.key === "Enter" && !e.shiftKey) save(e);
          }} />
        <button type="submit" disabled={draft.trim() === ""}>Save</button>
        <button type="button" onClick={() => setDraft(null)}>Cancel</button>
      </form>
    );
  }
  return (
    <>
      <MessageText content={message.content} channels={props.channels} />
      {message.edited_at && (
        <span className="edited" title={`Edited ${new Date(message.edited_at).toLocaleString()}`}>(edited)</span>
      )}
      {(props.canEdit || props.canDelete) && (
        <span className="actions">
          {props.canEdit && <button type="button" className="quiet" onClick={() => setDraft(message.content)}>Edit</button>}
          {props.canDelete && <button type="button" className="quiet" onClick={remove}>Delete</button>}
        </span>
      )}
      <Reactions api={api} messageId={message.id} reactions={message.reactions ?? []} onCount={props.onReacted}
        onError={props.onError} />
    </>
  );
}
