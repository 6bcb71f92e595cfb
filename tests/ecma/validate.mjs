// Compile every soppress JSON Schema with ajv (ECMA-262 regular expressions in
// unicode mode, JSON Schema 2020-12) and validate documents against them.
// Usage: node validate.mjs SCHEMA_DIR DOCUMENTS.json
//   DOCUMENTS.json: [{"kind": "sop", "file": "sops/x.yaml", "data": {...}}, ...]
// Prints one JSON object: {"compile": {kind: error|null}, "invalid": [{file, errors}]}.
import fs from "node:fs";
import path from "node:path";
import Ajv2020 from "ajv/dist/2020.js";

const [schemaDir, documentsFile] = process.argv.slice(2);
const ajv = new Ajv2020({ allErrors: true, strict: false, unicodeRegExp: true });
const validators = {};
const compile = {};
for (const name of fs.readdirSync(schemaDir).filter((n) => n.endsWith(".schema.json")).sort()) {
  const kind = name.replace(".schema.json", "");
  try {
    validators[kind] = ajv.compile(JSON.parse(fs.readFileSync(path.join(schemaDir, name), "utf8")));
    compile[kind] = null;
  } catch (err) {
    compile[kind] = String(err.message || err);
  }
}
const invalid = [];
for (const doc of JSON.parse(fs.readFileSync(documentsFile, "utf8"))) {
  const validate = validators[doc.kind];
  if (!validate) continue;
  if (!validate(doc.data)) invalid.push({ file: doc.file, errors: validate.errors });
}
process.stdout.write(JSON.stringify({ compile, invalid }));
