// Reads policy-evaluation cases (one JSON object a line) from the file named by argv[2] and prints,
// one line per case, {"id":..,"result":"Allowed"|"ExplicitlyDenied"|"ImplicitlyDenied"} or
// {"id":..,"error":".."} as @cloud-copilot/iam-simulate decides it. Test-only: see NOTICE.md.
import { readFileSync } from 'node:fs';
import { runSimulation } from '@cloud-copilot/iam-simulate';

const named = (prefix) => (policy, i) => ({ name: `${prefix}-${i}`, policy });
const levels = (list, root) =>
  (list ?? []).map((policies, i) => ({
    orgIdentifier: i === 0 ? root : `ou-abcd-${String(i).padStart(8, '0')}`,
    policies: policies.map(named(`level${i}`)),
  }));

const lines = readFileSync(process.argv[2], 'utf8').split('\n').filter((l) => l.length > 0);
const out = [];
for (const line of lines) {
  const c = JSON.parse(line);
  const simulation = {
    request: {
      principal: c.principal,
      action: c.action,
      resource: { resource: c.resource, accountId: c.resourceAccount },
      contextVariables: c.context,
    },
    identityPolicies: (c.identity ?? []).map(named('identity')),
    serviceControlPolicies: levels(c.scps, 'r-abcd'),
    resourceControlPolicies: levels(c.rcps, 'r-abcd'),
    resourcePolicy: c.resourcePolicy ?? undefined,
    permissionBoundaryPolicies: c.boundary ? [{ name: 'boundary', policy: c.boundary }] : undefined,
    sessionPolicy: c.session ?? undefined,
  };
  try {
    const response = await runSimulation(simulation, {});
    if (response.resultType === 'error') out.push(JSON.stringify({ id: c.id, error: JSON.stringify(response.errors) }));
    else out.push(JSON.stringify({ id: c.id, result: response.overallResult }));
  } catch (e) {
    out.push(JSON.stringify({ id: c.id, error: String(e) }));
  }
}
process.stdout.write(out.join('\n') + '\n');
