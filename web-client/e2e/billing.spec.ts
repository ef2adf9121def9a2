import { expect, test } from "@playwright/test";
import { closeWindows, control, createWorkspace, expectAccessible, inviteLink, newEmail, newOrganization, signedIn } from "./helpers";

// The client served with a billing-service that has Stripe (faked on loopback by the harness, which also plays
// Stripe's part of the payment: a signed webhook for the checkout billing-service created).
const billedUrl = process.env.CHAT_BILLED_WEB_URL;
test.use({ baseURL: billedUrl });

test.afterAll(closeWindows);

type Purchase = { workspaceId: string; seats: number; successUrl: string };

test("an admin upgrades through Stripe Checkout and the plan turns Pro live, on another device too", async ({ browser }) => {
  if (!billedUrl) throw new Error("CHAT_BILLED_WEB_URL is not set: run the browser tests through system-tests (WebClientIT)");
  const organization = newOrganization();
  const aliceEmail = newEmail("alice");
  const alice = await signedIn(browser, aliceEmail, organization);
  await createWorkspace(alice, "Paying Customers");
  const bob = await signedIn(browser, newEmail("bob"), organization, await inviteLink(alice));
  await expect(bob.getByRole("heading", { name: "# general" })).toBeVisible();
  // Alice's other device keeps the plan open while she pays on the first.
  const aliceElsewhere = await signedIn(browser, aliceEmail, organization);
  await aliceElsewhere.getByRole("button", { name: "Plan" }).click();
  const plan = aliceElsewhere.getByRole("complementary", { name: "Plan" });
  await expect(plan.getByRole("definition").first()).toHaveText("Free");

  await bob.getByRole("button", { name: "Plan" }).click();
  await expect(bob.getByRole("complementary", { name: "Plan" }).getByText("2 of")).toBeVisible();
  await expect(bob.getByRole("button", { name: "Upgrade to Pro" }), "only admins buy").toHaveCount(0);

  await alice.getByRole("button", { name: "Plan" }).click();
  await alice.getByRole("button", { name: "Upgrade to Pro" }).click();
  await alice.waitForURL(/\/pay\/cs_test_/);
  await expect(alice.getByRole("heading", { name: "Stripe Checkout (fake)" })).toBeVisible();

  const purchase = (await control<Purchase>("stripe/complete-checkout"))!;
  await expect(plan.getByRole("definition").first()).toHaveText("Pro");
  await expect(plan.getByText(`2 of ${purchase.seats} used`)).toBeVisible();

  // Stripe sends Alice back to the client, which opens the plan and says what happened.
  await alice.goto(purchase.successUrl);
  const back = alice.getByRole("complementary", { name: "Plan" });
  await expect(back.getByRole("definition").first()).toHaveText("Pro");
  await expect(back.getByRole("status")).toHaveText("Thank you: the workspace is on Pro.");
  await expect(alice.getByRole("heading", { name: "# general" })).toBeVisible();
  await expectAccessible(alice, "plan after checkout");
  await alice.getByRole("button", { name: "Manage billing" }).click();
  await alice.waitForURL(/\/portal\//);
  await expect(alice.getByRole("heading", { name: "Stripe customer portal (fake)" })).toBeVisible();
});
