// Generates src/generated/schemas.ts: a Zod schema and a TypeScript type for every JSON Schema common-model publishes
// (common-model/src/main/resources/schemas), so the client parses what it receives with the server's own contracts
// and keeps no copy of them. Run by `npm run build`, `npm test` and `npm run dev`.
//
// Two deliberate departures from the JSON Schemas, both about reading rather than writing:
// - objects are not strict: a newer server may add fields, and this client ignores the ones it does not know;
// - event.json's "payload depends on type" (if/then) becomes a discriminated union on `type`, so code that switches on
//   an event's type gets its payload's type;
// - other conditions (if/then/else, such as "a deleted message's content is empty") are the server's to keep and are
//   left out: json-schema-to-zod cannot express them as types.
import { jsonSchemaToZod } from "json-schema-to-zod";
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const root = dirname(dirname(fileURLToPath(import.meta.url)));
const schemaDir = join(root, "..", "common-model", "src", "main", "resources", "schemas");
const outFile = join(root, "src", "generated", "schemas.ts");

const schemas = new Map(
  readdirSync(schemaDir)
    .filter((file) => file.endsWith(".json"))
    .sort()
    .map((file) => [file, JSON.parse(readFileSync(join(schemaDir, file), "utf8"))]),
);

/**
 * A schema to export: a file's root (def null) or one of its $defs. Its exported name is its title (e.g. "Message"),
 * which every published schema and $def has.
 */
function unit(file, def) {
  const root = schemas.get(file);
  if (!root) throw new Error(`unknown schema ${file}`);
  const schema = def === null ? root : root.$defs?.[def];
  if (!schema) throw new Error(`${file}: no $defs/${def}`);
  if (!schema.title || !/^[A-Z][A-Za-z]*$/.test(schema.title)) {
    throw new Error(`${file}${def ? "#/$defs/" + def : ""}: needs a title that is a PascalCase identifier`);
  }
  return { file, def, schema, name: schema.title, key: `${file}#${def ?? ""}` };
}

/** What a $ref in {@code file} points at: "other.json", "#/$defs/x" or "other.json#/$defs/x". */
function target(ref, file) {
  const [path, fragment] = ref.split("#");
  const def = fragment ? fragment.replace(/^\/\$defs\//, "") : null;
  return unit(path === "" ? file : path, def);
}

/** The units a schema refers to, to emit each after what it uses ($defs of its own are not walked into). */
function refsOf(node, file, found = []) {
  if (Array.isArray(node)) node.forEach((item) => refsOf(item, file, found));
  else if (node && typeof node === "object") {
    if (typeof node.$ref === "string") found.push(target(node.$ref, file));
    for (const [key, value] of Object.entries(node)) if (key !== "$defs") refsOf(value, file, found);
  }
  return found;
}

function tolerant(node) {
  if (Array.isArray(node)) return node.map(tolerant);
  if (!node || typeof node !== "object") return node;
  const copy = {};
  for (const [key, value] of Object.entries(node)) {
    if (key === "additionalProperties" && value === false) continue;
    if (key === "$defs" || key === "if" || key === "then" || key === "else") continue;
    copy[key] = tolerant(value);
  }
  return copy;
}

function zodOf(schema, file) {
  return jsonSchemaToZod(tolerant(schema), {
    module: "none",
    zodVersion: 4,
    withoutDescribes: true,
    // A reference to another published schema is that schema's exported constant.
    parserOverride: (node) => (typeof node.$ref === "string" ? target(node.$ref, file).name : undefined),
  });
}

/** A oneOf of references whose targets all fix `type`: a union discriminated by it. */
function discriminatedOneOf(schema, file) {
  const members = schema.oneOf.map((item) => (item.$ref ? target(item.$ref, file) : null));
  if (members.some((member) => member === null || member.schema.properties?.type?.const === undefined)) return null;
  return `z.discriminatedUnion("type", [${members.map((member) => member.name).join(", ")}])`;
}

/** event.json: the envelope's fields with each type's payload, as a union discriminated by `type`. */
function eventZod(schema, file) {
  const { allOf, properties, ...envelope } = schema;
  const { type, payload, ...common } = properties;
  const required = envelope.required.filter((field) => field !== "type" && field !== "payload");
  const base = zodOf({ ...envelope, properties: common, required }, file);
  const variants = [];
  const covered = new Set();
  for (const rule of allOf) {
    const when = rule.if.properties.type;
    const types = when.const !== undefined ? [when.const] : when.enum;
    const payloadName = target(rule.then.properties.payload.$ref, file).name;
    for (const eventType of types) {
      covered.add(eventType);
      variants.push(`EventBase.extend({ type: z.literal(${JSON.stringify(eventType)}), payload: ${payloadName} })`);
    }
  }
  const missing = type.enum.filter((eventType) => !covered.has(eventType));
  if (missing.length > 0) throw new Error(`event.json: no payload schema for ${missing.join(", ")}`);
  return [
    `const EventBase = ${base};`,
    `export const Event = z.discriminatedUnion("type", [\n  ${variants.join(",\n  ")},\n]);`,
    `export type Event = z.infer<typeof Event>;`,
    `export type EventType = Event["type"];`,
  ].join("\n");
}

const emitted = new Set();
const blocks = [];
function emit(current) {
  if (emitted.has(current.key)) return;
  emitted.add(current.key);
  refsOf(current.schema, current.file).forEach(emit);
  const { name, schema, file } = current;
  const zod = name === "Event" && current.def === null ? null
    : (schema.oneOf && discriminatedOneOf(schema, file)) || zodOf(schema, file);
  blocks.push(zod === null ? eventZod(schema, file) : `export const ${name} = ${zod};\nexport type ${name} = z.infer<typeof ${name}>;`);
}
for (const [file, schema] of schemas) {
  Object.keys(schema.$defs ?? {}).forEach((def) => emit(unit(file, def)));
  emit(unit(file, null));
}

const generated = `// Generated by scripts/generate-schemas.mjs from common-model's JSON Schemas; do not edit.\nimport { z } from "zod";\n\n${blocks.join("\n\n")}\n`;
// Written only when it changed, so ./run does not take an unchanged file for a reason to rebuild.
if (!existsSync(outFile) || readFileSync(outFile, "utf8") !== generated) {
  mkdirSync(dirname(outFile), { recursive: true });
  writeFileSync(outFile, generated);
  console.log(`generated ${outFile.slice(root.length + 1)}: ${blocks.length} schemas from ${schemas.size} files`);
}
