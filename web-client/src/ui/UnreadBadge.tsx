import { badge, type Unread } from "../model/unread";

/** "@1" and "2" beside a channel or DM with unread mentions and messages; read aloud as words. */
export function UnreadBadge({ entry }: { entry: Unread }) {
  const unread = entry.unread_count ?? 0;
  const mentions = entry.mention_count ?? 0;
  return (
    <>
      {mentions > 0 && <Count className="unread mentions" shown={`@${badge(mentions)}`} said=" mentions" />}
      {unread > 0 && <Count className="unread" shown={badge(unread)} said=" unread" />}
    </>
  );
}

function Count(props: { className: string; shown: string; said: string }) {
  return (
    <>
      {" "}
      <span className={props.className}>{props.shown}<span className="visually-hidden">{props.said}</span></span>
    </>
  );
}
