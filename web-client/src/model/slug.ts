/**
 * The slug the server will make of a workspace name (common-model's Slugs.from, with the workspace's length and
 * fallback), shown while the name is typed. Both are tested against common-model's slug-examples.json. The server
 * may still add -2, -3… when the slug is taken.
 */
export function slugFrom(name: string, maxLength: number, fallback: string): string {
  let ascii = transliterate(name.normalize("NFKD").replace(/\p{M}+/gu, "").toLowerCase())
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "");
  if (ascii.length > maxLength) {
    ascii = ascii.slice(0, maxLength);
    const lastHyphen = ascii.lastIndexOf("-");
    if (lastHyphen > Math.floor(maxLength / 2)) ascii = ascii.slice(0, lastHyphen);
    ascii = ascii.replace(/-+$/, "");
  }
  return ascii === "" ? fallback : ascii;
}

/** Latin letters that have no decomposition into a base letter and an accent. */
function transliterate(text: string): string {
  const spelled: Record<string, string> = { æ: "ae", ø: "o", œ: "oe", ß: "ss", đ: "d", ð: "d", þ: "th", ł: "l", ı: "i" };
  return text.replace(/[æøœßđðþłı]/g, (letter) => spelled[letter] ?? letter);
}

/** A workspace's slug: at most 64 characters, "workspace" for a name with nothing usable. */
export function previewSlug(name: string): string {
  return name.trim() === "" ? "" : slugFrom(name, 64, "workspace");
}
