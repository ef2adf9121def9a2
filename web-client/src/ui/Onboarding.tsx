import { useState, type FormEvent } from "react";
import type { ChatApi } from "../api/chat";
import { previewSlug } from "../model/slug";
import { ProblemText } from "./ProblemText";

/** The first user of an organization names its workspace; the address it will have is previewed as they type. */
export function Onboarding({ api, onCreated }: { api: ChatApi; onCreated: () => void }) {
  const [name, setName] = useState("");
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const slug = previewSlug(name);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      await api.createWorkspace(name.trim());
      onCreated();
    } catch (failure) {
      setError(failure);
      setBusy(false);
    }
  };

  return (
    <main className="centered">
      <h1>Create your workspace</h1>
      <p>Your organization has no workspace yet. Name it; you will be its first admin.</p>
      <form onSubmit={submit}>
        <label htmlFor="workspace-name">Workspace name</label>
        <input id="workspace-name" value={name} onChange={(e) => setName(e.target.value)} maxLength={80} required
          aria-describedby="workspace-slug" autoFocus />
        <p id="workspace-slug" className="hint">
          {slug ? <>Its address: <strong>{slug}</strong></> : "Its address is made from its name."}
        </p>
        <button type="submit" disabled={busy || name.trim() === ""}>Create workspace</button>
      </form>
      {error !== null && <ProblemText error={error} />}
    </main>
  );
}
