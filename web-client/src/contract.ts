import type { z } from "zod";

/**
 * Answers and frames that did not match their published schema: each is logged with what failed, and counted, so a
 * contract break is visible (the count is on window.chatContractViolations for tests and people debugging).
 */
class ContractViolations {
  count = 0;

  report(what: string, error: z.ZodError, value: unknown): void {
    this.count += 1;
    console.error(`contract violation in ${what}`, error.issues, value);
  }
}

export const contractViolations = new ContractViolations();
(globalThis as { chatContractViolations?: ContractViolations }).chatContractViolations = contractViolations;
