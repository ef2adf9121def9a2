import { defineConfig } from "@playwright/test";

// The browser tests run against the real system, which system-tests' WebClientIT starts as ./run does and describes
// in these variables; they drive Debian's Chromium (Playwright's own browser download is not used).
const webUrl = process.env.CHAT_WEB_URL ?? "http://127.0.0.1:3000";

export default defineConfig({
  testDir: "e2e",
  workers: 1,
  timeout: 90_000,
  expect: { timeout: 15_000 },
  reporter: [["list"], ["json", { outputFile: "test-results/results.json" }]],
  outputDir: "test-results/artifacts",
  use: {
    baseURL: webUrl,
    trace: "retain-on-failure",
    screenshot: "only-on-failure",
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
      args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
        "--disable-sync"],
    },
  },
});
