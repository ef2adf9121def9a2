import { z } from "zod";
import { Problem } from "../generated/schemas";
import { contractViolations } from "../contract";

/** A refusal the server explained: switch on {@link code}; {@link detail} is for people. */
export class ApiProblem extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    readonly detail: string,
    readonly problem: Problem | null,
  ) {
    super(detail);
    this.name = "ApiProblem";
  }
}

export type Token = () => string;

/**
 * One REST call on this origin: JSON in, JSON out, parsed with the answer's published schema. An answer that does
 * not match is counted and reported (contractViolations) and fails the call; it is never used half-understood.
 */
export async function call<T>(
  token: Token,
  schema: z.ZodType<T>,
  method: string,
  path: string,
  body?: unknown,
): Promise<T> {
  const response = await fetch(path, {
    method,
    headers: {
      Authorization: `Bearer ${token()}`,
      Accept: "application/json",
      ...(body === undefined ? {} : { "Content-Type": "application/json" }),
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.text();
  const json = text === "" ? undefined : parseJson(text);
  if (!response.ok) throw refusal(response.status, json, method, path);
  const parsed = schema.safeParse(json);
  if (!parsed.success) {
    contractViolations.report(`${method} ${path}`, parsed.error, json);
    throw new ApiProblem(response.status, "unexpected_answer", "The server answered something this page does not understand.", null);
  }
  return parsed.data;
}

/** A call whose answer has no body (204). */
export async function send(token: Token, method: string, path: string, body?: unknown): Promise<void> {
  await call(token, z.unknown(), method, path, body);
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

function refusal(status: number, json: unknown, method: string, path: string): ApiProblem {
  const problem = Problem.safeParse(json);
  if (problem.success) {
    return new ApiProblem(status, problem.data.code, problem.data.detail ?? problem.data.title, problem.data);
  }
  if (json !== undefined) contractViolations.report(`${method} ${path} (${status})`, problem.error, json);
  const detail = status >= 500 ? "The server is unavailable; try again in a moment." : `The request failed (${status}).`;
  return new ApiProblem(status, status >= 500 ? "unavailable" : "failed", detail, null);
}
