import { useState, type FormEvent } from "react";
import type { DirectMessage } from "../generated/schemas";
import { activeOthers } from "./Directory";
import { authorName } from "./MessageText";
import { UnreadBadge } from "./UnreadBadge";
import { channelPath, navigate } from "./router";
import type { People } from "./WorkspaceView";

/** The reader's direct messages, the latest written in first, and a form to write to someone. */
export function DirectMessageList(props: {
  dms: DirectMessage[] | null;
  people: People;
  readerId: string;
  current: string | null;
  onOpen: (userId: string) => Promise<void>;
}) {
  const { dms, people, readerId, current } = props;
  const others = activeOthers(people, readerId)
    .sort((a, b) => authorName(people, a.user_id).localeCompare(authorName(people, b.user_id)));
  const [chosen, setChosen] = useState("");
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (chosen === "") return;
    await props.onOpen(chosen);
    setChosen("");
  };

  return (
    <>
      <h2 id="direct-messages">Direct messages</h2>
      <ul aria-labelledby="direct-messages" aria-busy={dms === null}>
        {(dms ?? []).map((dm) => (
          <li key={dm.id}>
            <a href={channelPath(dm.id)} aria-current={dm.id === current ? "page" : undefined}
              onClick={(e) => { e.preventDefault(); navigate(channelPath(dm.id)); }}>
              {dmName(dm, people, readerId)}
              <UnreadBadge entry={dm} />
            </a>
          </li>
        ))}
      </ul>
      <form className="new-channel" onSubmit={submit} aria-label="New direct message">
        <label htmlFor="new-dm-person">Write to</label>
        <select id="new-dm-person" value={chosen} onChange={(e) => setChosen(e.target.value)}>
          <option value="">Choose someone</option>
          {others.map((person) => (
            <option key={person.user_id} value={person.user_id}>{authorName(people, person.user_id)}</option>
          ))}
        </select>
        <button type="submit" disabled={chosen === ""}>Message</button>
      </form>
    </>
  );
}

/** The DM as the reader names it: the others in it (a former member shows as "Someone"). */
export function dmName(dm: DirectMessage, people: People, readerId: string): string {
  return dm.member_ids.filter((id) => id !== readerId)
    .map((id) => authorName(people, id))
    .join(", ");
}
