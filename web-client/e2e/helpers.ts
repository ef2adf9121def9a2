import { expect, type Browser, type BrowserContext, type Locator, type Page } from "@playwright/test";
import { mkdirSync, readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { join } from "node:path";

/** A new organization for each test file, so tests never see each other's workspaces. */
export function newOrganization(): string {
  return `org_${Math.random().toString(36).slice(2, 10)}`;
}

export function newEmail(name: string): string {
  return `${name}.${Math.random().toString(36).slice(2, 8)}@example.com`;
}

const contexts = new Set<BrowserContext>();

/** A browser context (a person's own window) that {@link closeWindows} closes. */
export async function newWindow(browser: Browser): Promise<Page> {
  const context = await browser.newContext();
  contexts.add(context);
  return context.newPage();
}

/** Closes the windows a spec file opened, so their sockets do not outlive it (run it in test.afterAll). */
export async function closeWindows(): Promise<void> {
  await Promise.all([...contexts].map((context) => context.close()));
  contexts.clear();
}

/** Signs in through the issuer's page (authorization code with PKCE) in a context of its own. */
export async function signedIn(browser: Browser, email: string, organization: string, path = "/"): Promise<Page> {
  const page = await newWindow(browser);
  // The page's own warnings and errors go to the test output, to explain a failure.
  page.on("console", (message) => {
    if (message.type() === "error" || message.type() === "warning") console.log(`[${email}] ${message.text()}`);
  });
  page.on("pageerror", (error) => console.log(`[${email}] ${error.stack ?? error.message}`));
  await page.goto(path);
  const origin = new URL(page.url()).origin;
  await page.getByRole("button", { name: "Sign in" }).click();
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Organization").fill(organization);
  await page.getByRole("button", { name: "Sign in" }).click();
  await page.waitForURL((url) => url.origin === origin && url.pathname !== "/signed-in");
  return page;
}

/** The first user of an organization creates its workspace and lands in #general. */
export async function createWorkspace(page: Page, name: string): Promise<void> {
  await page.getByLabel("Workspace name").fill(name);
  await page.getByRole("button", { name: "Create workspace" }).click();
  await expect(page.getByRole("heading", { name: "# general" })).toBeVisible();
}

/** An admin makes an invite link in the Members panel (usable {@code uses} times, default unlimited); returns it. */
export async function inviteLink(page: Page, uses = "Unlimited"): Promise<string> {
  await openMembers(page);
  await page.getByRole("combobox", { name: "Uses" }).selectOption({ label: uses });
  await page.getByRole("button", { name: "Create an invite link" }).click();
  const url = (await page.locator(".invite-url").textContent()) ?? "";
  await page.getByRole("button", { name: "Close members" }).click();
  return url;
}

/** Opens the Members panel unless it is open. */
export async function openMembers(page: Page): Promise<void> {
  const toggle = page.getByRole("button", { name: "Members", exact: true });
  if ((await toggle.getAttribute("aria-pressed")) !== "true") await toggle.click();
}

export function composer(page: Page, label: string) {
  return page.getByRole("combobox", { name: label });
}

export async function post(page: Page, label: string, text: string): Promise<void> {
  await composer(page, label).fill(text);
  await composer(page, label).press("Enter");
}

/** The timeline entry holding {@code text}. */
export function messageIn(page: Page, text: string) {
  return page.getByRole("list", { name: /^Messages in / }).getByRole("listitem").filter({ hasText: text });
}

const axeSource = readFileSync(createRequire(import.meta.url).resolve("axe-core/axe.min.js"), "utf8");

/** Runs axe-core on the page as it is; fails on any serious or critical violation. */
export async function expectAccessible(page: Page, screen: string): Promise<void> {
  await page.addScriptTag({ content: axeSource });
  const { passed, violations } = await page.evaluate(async () => {
    type Rule = { id: string; impact: string; nodes: { target: string[] }[] };
    const axe = (window as unknown as { axe: { run: () => Promise<{ passes: Rule[]; violations: Rule[] }> } }).axe;
    const result = await axe.run();
    return {
      passed: result.passes.length,
      violations: result.violations
        .filter((v) => v.impact === "serious" || v.impact === "critical")
        .map((v) => ({ id: v.id, impact: v.impact, targets: v.nodes.map((n) => n.target.join(" ")) })),
    };
  });
  expect(passed, `axe checked something on ${screen}`).toBeGreaterThan(0);
  expect(violations, `axe on ${screen}`).toEqual([]);
}

/** Saves a screenshot of a main screen for docs/web-client.md (CHAT_SCREENSHOTS, else test-results/screens). */
export async function screenshot(page: Page, name: string): Promise<void> {
  const dir = process.env.CHAT_SCREENSHOTS ?? "test-results/screens";
  mkdirSync(dir, { recursive: true });
  await page.screenshot({ path: join(dir, `${name}.png`) });
}

/**
 * The test harness's control endpoint (WebClientIT): restarts parts of the system, plays Stripe's part of a payment,
 * reads the invite emails, lets an invite expire. Returns the harness's answer, if any.
 */
export async function control<T = unknown>(action: string, body?: object): Promise<T | null> {
  const base = process.env.CHAT_CONTROL_URL;
  if (!base) throw new Error("CHAT_CONTROL_URL is not set: run the browser tests through system-tests (WebClientIT)");
  const response = await fetch(`${base}/${action}`, { method: "POST", body: JSON.stringify(body ?? {}) });
  if (!response.ok) throw new Error(`${action}: ${response.status} ${await response.text()}`);
  return response.status === 204 ? null : ((await response.json()) as T);
}

/** Presses Tab (or Shift+Tab) until {@code target} has the focus: proves it is reachable by keyboard. */
export async function tabTo(page: Page, target: Locator, backwards = false, presses = 60): Promise<void> {
  for (let i = 0; i < presses; i++) {
    if (await target.evaluate((element) => element === document.activeElement)) return;
    await page.keyboard.press(backwards ? "Shift+Tab" : "Tab");
  }
  throw new Error(`not reachable with ${presses} presses of ${backwards ? "Shift+Tab" : "Tab"}`);
}
