import { useEffect, useMemo, useState, useSyncExternalStore } from "react";
import type { Session } from "../auth/session";
import { ChatApi } from "../api/chat";
import type { Me } from "../generated/schemas";
import { LiveConnection } from "../live/connection";
import { AcceptInvite } from "./AcceptInvite";
import { Onboarding } from "./Onboarding";
import { ProblemText } from "./ProblemText";
import { usePath } from "./router";
import { WorkspaceView } from "./WorkspaceView";

/** Signed out: the sign-in page. Signed in: the invite being accepted, onboarding, or the workspace. */
export function App({ session }: { session: Session }) {
  const signedIn = useSyncExternalStore(
    (listener) => session.subscribe(listener),
    () => session.signedIn,
  );
  if (!signedIn) return <SignIn session={session} />;
  return <SignedIn session={session} />;
}

function SignIn({ session }: { session: Session }) {
  const inviting = location.pathname === "/invite";
  return (
    <main className="centered">
      <h1>Chat</h1>
      <p>{inviting ? "Sign in to accept your invite." : "Sign in to your workspace."}</p>
      <button type="button" onClick={() => void session.signIn()}>
        Sign in
      </button>
    </main>
  );
}

function SignedIn({ session }: { session: Session }) {
  const api = useMemo(() => new ChatApi(() => session.accessToken()), [session]);
  const live = useMemo(() => {
    const scheme = location.protocol === "https:" ? "wss:" : "ws:";
    return new LiveConnection({ url: `${scheme}//${location.host}/ws`, token: () => session.accessToken() });
  }, [session]);
  useEffect(() => {
    live.start();
    return () => live.stop();
  }, [live]);

  const path = usePath();
  const [me, setMe] = useState<Me | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [generation, setGeneration] = useState(0);
  const reload = () => setGeneration((n) => n + 1);
  useEffect(() => {
    api.me().then(setMe, setError);
  }, [api, generation]);

  if (path === "/invite") return <AcceptInvite api={api} onAccepted={reload} />;
  if (error) {
    return (
      <main className="centered">
        <h1>Chat</h1>
        <ProblemText error={error} />
      </main>
    );
  }
  if (!me) return <main className="centered" aria-busy="true">Loading…</main>;
  if (me.needs_workspace) return <Onboarding api={api} onCreated={reload} />;
  const workspace = me.workspaces[0];
  if (!workspace) {
    return (
      <main className="centered">
        <h1>No workspace yet</h1>
        <p>Your organization's workspace has not invited you. Ask one of its admins for an invite link.</p>
        <button type="button" onClick={() => void session.signOut()}>
          Sign out
        </button>
      </main>
    );
  }
  return <WorkspaceView api={api} live={live} me={me} workspace={workspace} onSignOut={() => void session.signOut()} />;
}
