import { useEffect, useRef, useState } from "react";
import type { ChatApi } from "../api/chat";
import { ProblemText } from "./ProblemText";
import { navigate } from "./router";

/**
 * /invite#<token>: accepts the invite as the signed-in user. The token is read from the fragment, which browsers never
 * send to a server, and posted in a request body; it is then dropped from the address bar.
 */
// Another invite link pasted into this tab changes only the fragment, which loads nothing: start over with it.
window.addEventListener("hashchange", () => {
  if (location.pathname === "/invite" && location.hash.length > 1) location.reload();
});

export function AcceptInvite({ api, onAccepted }: { api: ChatApi; onAccepted: () => void }) {
  const token = useRef(location.hash.slice(1));
  const [error, setError] = useState<unknown>(null);
  useEffect(() => {
    if (!token.current) {
      setError(new Error("This invite link is incomplete: it has no token. Open the whole link you were sent."));
      return;
    }
    history.replaceState(null, "", "/invite");
    api.acceptInvite(token.current).then(
      () => {
        onAccepted();
        navigate("/");
      },
      setError,
    );
  }, [api, onAccepted]);
  return (
    <main className="centered">
      <h1>Joining the workspace</h1>
      {error ? (
        <>
          <ProblemText error={error} />
          <a href="/">Go to your workspaces</a>
        </>
      ) : (
        <p aria-busy="true">Accepting your invite…</p>
      )}
    </main>
  );
}
