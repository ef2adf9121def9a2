import { expect, test, type Page } from "@playwright/test";
import { closeWindows, control, createWorkspace, inviteLink, messageIn, newEmail, newOrganization, openMembers, signedIn } from "./helpers";

// What an admin and members do besides talking: private channels, joining and leaving, reading back a long channel,
// email invites (revoked, opened by someone else, expired), removing a member.
test.describe.configure({ mode: "serial" });

const organization = newOrganization();
const bobEmail = newEmail("bob");
let alice: Page;
let bob: Page;

test.afterAll(closeWindows);
test.beforeAll(async ({ browser }) => {
  alice = await signedIn(browser, newEmail("alice"), organization);
  await createWorkspace(alice, "Private Matters");
  bob = await signedIn(browser, bobEmail, organization, await inviteLink(alice));
  await expect(bob.getByRole("heading", { name: "# general" })).toBeVisible();
});

test("a private channel is seen by its members only", async () => {
  await alice.getByRole("textbox", { name: "New channel" }).fill("leadership");
  await alice.getByRole("checkbox", { name: "Private" }).check();
  await alice.getByRole("button", { name: "Create", exact: true }).click();
  await expect(alice.getByRole("heading", { name: "🔒 leadership" })).toBeVisible();
  await alice.getByRole("textbox", { name: "New channel" }).fill("random");
  await alice.getByRole("button", { name: "Create", exact: true }).click();

  // The public one reaches Bob live; the private one never does, not even after a reload.
  await expect(bob.getByRole("button", { name: "Join random" })).toBeVisible();
  await bob.reload();
  await expect(bob.getByRole("button", { name: "Join random" })).toBeVisible();
  await expect(bob.getByText("leadership")).toHaveCount(0);
});

test("a member joins and leaves a public channel", async () => {
  await bob.getByRole("button", { name: "Join random" }).click();
  await expect(bob.getByRole("heading", { name: "# random" })).toBeVisible();
  await bob.getByRole("button", { name: "Leave random" }).click();
  await expect(bob.getByRole("button", { name: "Join random" })).toBeVisible();
  await expect(bob.getByRole("link", { name: "# random" })).toHaveCount(0);
});

test("a long channel shows its newest page, and older messages on demand above it", async () => {
  await alice.getByRole("link", { name: "# general" }).click();
  const channelId = new URL(alice.url()).pathname.split("/")[2]!;
  // 55 messages through the API with Alice's own token: more than a page (50).
  await alice.evaluate(async (channel) => {
    const key = Object.keys(sessionStorage).find((k) => k.startsWith("oidc.user:"))!;
    const token = (JSON.parse(sessionStorage.getItem(key)!) as { access_token: string }).access_token;
    for (let i = 1; i <= 55; i++) {
      const response = await fetch("/api/messages", {
        method: "POST",
        headers: { Authorization: `Bearer ${token}`, "Content-Type": "application/json" },
        body: JSON.stringify({ channel_id: channel, content: `history ${String(i).padStart(3, "0")}`,
          client_msg_id: crypto.randomUUID() }),
      });
      if (!response.ok) throw new Error(`message ${i}: ${response.status}`);
    }
  }, channelId);
  await alice.reload();
  await expect(messageIn(alice, "history 055")).toBeVisible();
  await expect(messageIn(alice, "history 001")).toHaveCount(0);
  await alice.getByRole("button", { name: "Show older messages" }).click();
  await expect(messageIn(alice, "history 001")).toBeVisible();
  const texts = await alice.getByRole("list", { name: "Messages in general" }).getByRole("listitem").allTextContents();
  const numbers = texts.map((t) => /history (\d{3})/.exec(t)?.[1]).filter((n): n is string => n !== undefined);
  expect(numbers).toEqual(Array.from({ length: 55 }, (_, i) => String(i + 1).padStart(3, "0")));
});

/** Alice invites {@code email} from the Members panel, which stays open. */
async function emailInvite(email: string) {
  await openMembers(alice);
  const members = alice.getByRole("complementary", { name: "Members" });
  await members.getByRole("textbox", { name: "Email" }).fill(email);
  await members.getByRole("button", { name: "Send invite" }).click();
  await expect(members.getByRole("status")).toHaveText(`Invite sent to ${email}.`);
  return members;
}

test("an email invite is pending until revoked", async () => {
  const carol = newEmail("carol");
  const members = await emailInvite(carol);
  const pending = members.getByRole("list", { name: "Pending invites" }).getByRole("listitem").filter({ hasText: carol });
  await expect(pending).toHaveCount(1);
  await pending.getByRole("button", { name: "Revoke" }).click();
  await expect(pending).toHaveCount(0);
});

test("an email invite opened by someone else, or after it expired, is refused in words", async ({ browser }) => {
  const carolEmail = newEmail("carol");
  await emailInvite(carolEmail);
  await alice.getByRole("button", { name: "Close members" }).click();
  const mail = await control<{ link: string }>("mail/latest", { to: carolEmail });
  const link = mail?.link ?? "";

  const dave = await signedIn(browser, newEmail("dave"), organization, link);
  await expect(dave.getByRole("alert")).toHaveText(/This invite was sent to another email address/);
  await control("invites/expire", { token: new URL(link).hash.slice(1) });
  const carol = await signedIn(browser, carolEmail, organization, link);
  await expect(carol.getByRole("alert")).toHaveText(/This invite has expired/);
});

test("a link for one use refuses the second person, and a revoked link everyone, in words", async ({ browser }) => {
  const once = await inviteLink(alice, "1");
  const carol = await signedIn(browser, newEmail("carol"), organization, once);
  await expect(carol.getByRole("heading", { name: "# general" })).toBeVisible();
  const dave = await signedIn(browser, newEmail("dave"), organization, once);
  await expect(dave.getByRole("alert")).toHaveText(/used as many times as it allows/);

  const revoked = await inviteLink(alice);
  await openMembers(alice);
  const pending = alice.getByRole("list", { name: "Pending invites" }).getByRole("listitem");
  await pending.filter({ hasText: "Link (0 used)" }).getByRole("button", { name: "Revoke" }).click();
  await expect(pending.filter({ hasText: "Link (0 used)" })).toHaveCount(0);
  await dave.goto(revoked);
  await expect(dave.getByRole("alert")).toHaveText(/This invite was revoked/);
});

test("a new topic and an archived channel reach the others live", async () => {
  await bob.getByRole("link", { name: "# general" }).click();
  await alice.getByRole("link", { name: "# general" }).click();
  await alice.getByRole("button", { name: "Edit topic" }).click();
  await alice.getByRole("textbox", { name: "Topic" }).fill("Launch week");
  await alice.getByRole("button", { name: "Save topic" }).click();
  await expect(bob.getByText("Launch week")).toBeVisible();

  await alice.getByRole("link", { name: "# random" }).click();
  alice.once("dialog", (dialog) => void dialog.accept());
  await alice.getByRole("button", { name: "Archive channel" }).click();
  await expect(alice.getByRole("link", { name: "# random" })).toHaveCount(0);
  await expect(alice.getByRole("heading", { name: "# general" })).toBeVisible();
  await expect(bob.getByRole("button", { name: "Join random" })).toHaveCount(0);
});

test("a removed member loses the workspace", async () => {
  await openMembers(alice);
  const members = alice.getByRole("complementary", { name: "Members" });
  await members.getByRole("button", { name: `Remove ${bobEmail}` }).click();
  await expect(members.getByText(bobEmail)).toHaveCount(0);
  await bob.reload();
  await expect(bob.getByRole("heading", { name: "No workspace yet" })).toBeVisible();
});
