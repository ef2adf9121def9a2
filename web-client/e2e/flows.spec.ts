import { expect, test, type Page } from "@playwright/test";
import {
  closeWindows, composer, control, createWorkspace, expectAccessible, inviteLink, messageIn, newEmail, newOrganization,
  newWindow, openMembers, post, screenshot, signedIn, tabTo,
} from "./helpers";

// The seed's flows, in order, by two people in two browser contexts: Alice signs her organization up and invites
// Bob; they thread, tag, and keep talking through a gateway restart.
test.describe.configure({ mode: "serial" });

const organization = newOrganization();
const aliceEmail = newEmail("alice");
const bobEmail = newEmail("bob");
const ROOT = "Shall we ship on Friday?";
let alice: Page;
let bob: Page;
test.afterAll(closeWindows);

test("the first user of an organization creates its workspace; an invite link brings the second in", async ({ browser }) => {
  alice = await signedIn(browser, aliceEmail, organization);
  await expect(alice.getByRole("heading", { name: "Create your workspace" })).toBeVisible();
  await alice.getByLabel("Workspace name").fill("Acme Rockets");
  await expect(alice.getByText("Its address: acme-rockets")).toBeVisible();
  await expectAccessible(alice, "onboarding");
  await screenshot(alice, "onboarding");
  await alice.getByLabel("Workspace name").fill("");
  await createWorkspace(alice, "Acme Rockets");

  const link = await inviteLink(alice);
  expect(link).toMatch(/\/invite#.+/);
  bob = await signedIn(browser, bobEmail, organization, link);
  await expect(bob.getByRole("heading", { name: "# general" })).toBeVisible();
  expect(bob.url()).not.toContain("#");
});

test("a reply turns a flat message into a thread the other person sees live, and its replies arrive live", async () => {
  await post(alice, "Message #general", ROOT);
  await expect(messageIn(bob, ROOT)).toBeVisible();
  await expect(messageIn(bob, ROOT).getByRole("button", { name: "Reply" })).toBeVisible();

  await messageIn(alice, ROOT).getByRole("button", { name: "Reply" }).click();
  await post(alice, "Reply in thread", "Yes, the build is green");
  await expect(alice.getByRole("list", { name: "Replies" }).getByText("Yes, the build is green")).toBeVisible();

  // Bob's view changes without a reload.
  await expect(messageIn(bob, ROOT).getByRole("button", { name: "1 reply" })).toBeVisible();
  await messageIn(bob, ROOT).getByRole("button", { name: "1 reply" }).click();
  const bobsThread = bob.getByRole("complementary", { name: "Thread" });
  await expect(bobsThread.getByText(ROOT)).toBeVisible();
  await expect(bobsThread.getByText("Yes, the build is green")).toBeVisible();

  await post(alice, "Reply in thread", "I'll write the release notes");
  await expect(bobsThread.getByText("I'll write the release notes")).toBeVisible();
  await expect(messageIn(bob, ROOT).getByRole("button", { name: "2 replies" })).toBeVisible();
  await expectAccessible(bob, "channel with a thread open");
  await screenshot(bob, "thread");
});

test("a #tag in a reply makes the thread appear in that channel for a member looking at it", async () => {
  await alice.getByRole("textbox", { name: "New channel" }).fill("engineering");
  await alice.getByRole("button", { name: "Create", exact: true }).click();
  await expect(alice.getByRole("heading", { name: "# engineering" })).toBeVisible();

  await bob.getByRole("button", { name: "Join engineering" }).click();
  await expect(bob.getByRole("heading", { name: "# engineering" })).toBeVisible();
  await expect(messageIn(bob, ROOT)).toHaveCount(0);

  await alice.getByRole("link", { name: "# general" }).click();
  await messageIn(alice, ROOT).getByRole("button", { name: "2 replies" }).click();
  const tagged = composer(alice, "Reply in thread");
  await tagged.fill("cc #eng");
  await expect(alice.getByRole("option", { name: "#engineering" })).toBeVisible();
  await tagged.press("Enter"); // completes the suggestion
  await expect(tagged).toHaveValue("cc #engineering ");
  await tagged.press("Enter");

  await expect(messageIn(bob, ROOT)).toBeVisible();
  await expect(messageIn(bob, ROOT).getByRole("button", { name: "3 replies" })).toBeVisible();
  await screenshot(bob, "shared-thread");
});

test("an edit shows as edited and a deletion disappears, for the other person live; only the author may edit", async () => {
  await bob.getByRole("link", { name: "# general" }).click();
  await post(alice, "Message #general", "Lunch at noen?");
  await expect(messageIn(bob, "Lunch at noen?")).toBeVisible();
  await expect(messageIn(bob, "Lunch at noen?").getByRole("button", { name: "Edit" })).toHaveCount(0);

  await messageIn(alice, "Lunch at noen?").getByRole("button", { name: "Edit" }).click();
  const editor = alice.getByRole("textbox", { name: "Edit message" });
  await editor.fill("Lunch at noon?");
  await editor.press("Enter");
  await expect(messageIn(bob, "Lunch at noon?")).toContainText("(edited)");
  await expect(messageIn(alice, "Lunch at noon?")).toContainText("(edited)");

  alice.once("dialog", (dialog) => dialog.accept());
  await messageIn(alice, "Lunch at noon?").getByRole("button", { name: "Delete" }).click();
  await expect(messageIn(bob, "Lunch at noon?")).toHaveCount(0);
  await expect(messageIn(alice, "Lunch at noon?")).toHaveCount(0);
});

test("a reaction reaches the other person live, and a click on it joins in", async () => {
  await post(alice, "Message #general", "Release is out");
  await messageIn(bob, "Release is out").getByRole("button", { name: "Add reaction" }).click();
  await messageIn(bob, "Release is out").getByRole("button", { name: "React with 🎉" }).click();
  await expect(messageIn(bob, "Release is out").getByRole("button", { name: "🎉 1, including you" })).toBeVisible();

  const onAlices = messageIn(alice, "Release is out").getByRole("button", { name: "🎉 1" });
  await expect(onAlices).toHaveAttribute("aria-pressed", "false");
  await onAlices.click();
  await expect(messageIn(alice, "Release is out").getByRole("button", { name: "🎉 2, including you" })).toBeVisible();
  await expect(messageIn(bob, "Release is out").getByRole("button", { name: "🎉 2, including you" })).toBeVisible();
  await expectAccessible(alice, "channel with reactions");
});

test("a mention picked in the composer reaches the person mentioned, highlighted, with a notice that opens it", async () => {
  const box = composer(alice, "Message #general");
  await box.fill("@bo");
  const bobOption = alice.getByRole("option", { name: /^@bob/i });
  await expect(bobOption).toBeVisible();
  await box.press("Enter"); // completes the suggestion
  await expect(box).toHaveValue(/^<@[0-9a-f-]{36}> $/);
  await box.pressSequentially("can you check the build?");
  await box.press("Enter");

  const mentioned = messageIn(bob, "can you check the build?");
  await expect(mentioned).toHaveClass(/mentions-me/);
  await expect(mentioned.locator(".mention.me")).toHaveText(/^@bob/i);
  await expect(bob.getByRole("status").filter({ hasText: "mentioned you in #general" })).toBeVisible();
  await expect(messageIn(alice, "can you check the build?")).not.toHaveClass(/mentions-me/);
  await expectAccessible(bob, "channel with a mention");
});

test("a channel or a direct message with news shows it unread, live, until it is opened", async () => {
  await alice.getByRole("link", { name: "# engineering" }).click();
  await post(alice, "Message #engineering", "Standup moves to ten");
  const engineering = bob.getByRole("link", { name: "# engineering" });
  await expect(engineering).toContainText("1 unread");
  await screenshot(bob, "unread");
  await engineering.click();
  await expect(messageIn(bob, "Standup moves to ten")).toBeVisible();
  await expect(engineering).not.toContainText("unread");

  // Alice writes to Bob directly: the conversation appears in his sidebar, unread, without a reload.
  const bobOption = alice.getByLabel("Write to").locator("option", { hasText: /^bob/i });
  await alice.getByLabel("Write to").selectOption((await bobOption.getAttribute("value"))!);
  await alice.getByRole("button", { name: "Message", exact: true }).click();
  const toBob = alice.getByRole("combobox", { name: /^Message [^#]/ });
  await toBob.fill("Lunch at one?");
  await toBob.press("Enter");
  const direct = bob.getByRole("list", { name: "Direct messages" }).getByRole("link");
  await expect(direct).toContainText("unread");
  await direct.click();
  await expect(messageIn(bob, "Lunch at one?")).toBeVisible();
  await expect(direct).not.toContainText("unread");
  const toAlice = bob.getByRole("combobox", { name: /^Message [^#]/ });
  await toAlice.fill("Sure, see you there");
  await toAlice.press("Enter");
  await expect(messageIn(alice, "Sure, see you there")).toBeVisible();
  await expectAccessible(bob, "direct message");
  await alice.getByRole("link", { name: "# general" }).click();
});

test("a gateway restart: Bob sees reconnecting, then every message posted meanwhile, in order, once", async () => {
  await bob.getByRole("link", { name: "# general" }).click();
  await expect(bob.getByRole("status").filter({ hasText: "Live" })).toBeVisible();
  await control("gateway/stop");
  await expect(bob.getByText("Reconnecting…")).toBeVisible();
  const meanwhile = ["while it was down 1", "while it was down 2", "while it was down 3"];
  for (const text of meanwhile) {
    await post(alice, "Message #general", text);
    await expect(messageIn(alice, text)).not.toHaveClass(/sending/);
  }
  await control("gateway/start");
  await expect(bob.getByRole("status").filter({ hasText: "Live" })).toBeVisible({ timeout: 45_000 });
  for (const text of meanwhile) await expect(messageIn(bob, text)).toHaveCount(1);
  const texts = await bob.getByRole("list", { name: "Messages in general" }).getByRole("listitem").allTextContents();
  const positions = meanwhile.map((text) => texts.findIndex((t) => t.includes(text)));
  expect(positions).toEqual([...positions].sort((a, b) => a - b));
});

test("everything in a channel and a thread works from the keyboard alone", async () => {
  await bob.getByRole("link", { name: "# general" }).focus();
  await bob.keyboard.press("Enter");
  const message = composer(bob, "Message #general");
  await tabTo(bob, message);
  await bob.keyboard.type("typed without a mouse");
  await bob.keyboard.press("Enter");
  await expect(messageIn(bob, "typed without a mouse")).not.toHaveClass(/sending/);

  const reply = messageIn(bob, "typed without a mouse").getByRole("button", { name: "Reply" });
  await tabTo(bob, reply, true);
  await bob.keyboard.press("Enter");
  const inThread = composer(bob, "Reply in thread");
  await tabTo(bob, inThread);
  await bob.keyboard.type("and answered the same way");
  await bob.keyboard.press("Enter");
  await expect(messageIn(alice, "typed without a mouse").getByRole("button", { name: "1 reply" })).toBeVisible();

  await tabTo(bob, bob.getByRole("button", { name: "Close thread" }), true);
  await bob.keyboard.press("Enter");
  await expect(bob.getByRole("complementary", { name: "Thread" })).toHaveCount(0);
});

test("an access token is renewed before it expires, and the page keeps working on the new one", async () => {
  // WebClientIT's issuer gives 80-second tokens; the client renews a minute before expiry.
  const accessToken = () =>
    alice.evaluate(() => {
      const key = Object.keys(sessionStorage).find((k) => k.startsWith("oidc.user:"));
      return key ? (JSON.parse(sessionStorage.getItem(key)!) as { access_token: string }).access_token : null;
    });
  const before = await accessToken();
  expect(before).toBeTruthy();
  await expect.poll(accessToken, { timeout: 45_000, intervals: [1_000] }).not.toBe(before);
  await post(alice, "Message #general", "sent with a renewed token");
  await expect(messageIn(bob, "sent with a renewed token")).toBeVisible();
  expect(await alice.evaluate(() => location.href)).not.toContain("token");
});

test("every screen passes axe-core: channel, members, plan, sign-in and a refused invite", async ({ browser }) => {
  await expectAccessible(alice, "channel");
  await screenshot(alice, "channel");
  await openMembers(alice);
  await expect(alice.getByRole("complementary", { name: "Members" }).getByText(bobEmail)).toBeVisible();
  await expectAccessible(alice, "members");
  await screenshot(alice, "members");
  await alice.getByRole("button", { name: "Close members" }).click();

  await alice.getByRole("button", { name: "Plan" }).click();
  await expect(alice.getByText("2 of")).toBeVisible();
  await alice.getByRole("button", { name: "Upgrade to Pro" }).click();
  await expect(alice.getByRole("alert")).toHaveText(/Billing is not set up on this server/);
  await expectAccessible(alice, "plan");
  await screenshot(alice, "plan");

  const stranger = await newWindow(browser);
  await stranger.goto("/");
  await expectAccessible(stranger, "sign-in");
  await screenshot(stranger, "sign-in");

  const carol = await signedIn(browser, newEmail("carol"), organization, "/invite#not-a-real-token");
  await expect(carol.getByRole("alert")).toHaveText(/This invite link is not valid/);
  await expectAccessible(carol, "refused invite");
});
