/** The heading of a side pane (thread, members, plan) and its close button. */
export function PaneHeader({ id, title, onClose }: { id: string; title: string; onClose: () => void }) {
  return (
    <header>
      <h2 id={id}>{title}</h2>
      <button type="button" onClick={onClose} aria-label={`Close ${title.toLowerCase()}`}>Close</button>
    </header>
  );
}
