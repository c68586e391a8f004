// Downloads the schema (SDL) of the server at BASE_URL into generated/schema.graphql, the
// one input of relay-compiler and graphql-codegen.
import { mkdirSync, writeFileSync } from "node:fs";

const base = process.env.BASE_URL ?? "http://127.0.0.1:8080";
const res = await fetch(`${base}/graphql/schema.graphql`);
if (!res.ok) throw new Error(`${base}/graphql/schema.graphql: ${res.status} (is introspection off?)`);
mkdirSync(new URL("../generated/", import.meta.url), { recursive: true });
writeFileSync(new URL("../generated/schema.graphql", import.meta.url), await res.text());
console.log(`schema of ${base} → generated/schema.graphql`);
