import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { slugFrom } from "../src/model/slug";

const examples: { name: string; max: number; fallback: string; slug: string }[] = JSON.parse(
  readFileSync(new URL("../../common-model/src/test/resources/slug-examples.json", import.meta.url), "utf8"),
).examples;

describe("slugFrom", () => {
  it.each(examples)("makes $slug of $name, as the server does", ({ name, max, fallback, slug }) => {
    expect(slugFrom(name, max, fallback)).toBe(slug);
  });
});
