import { readFileSync } from 'node:fs';
import path from 'node:path';
import { catalogue } from '../../../shared/http/catalogue';
import { CONDITION_LIMITS } from '../../../shared/workflow/condition';
import { CONDITION_MAX_LENGTH, MAX_QUORUM } from '../../../shared/workflow/definitionSchema';
import { REFUSAL_PROBLEMS } from '../../../shared/workflow/refusal';
import { purchaseRequestDefinition } from './definitions';

const doc = readFileSync(path.join(__dirname, '../../../docs/workflows.md'), 'utf8');

function section(title: string): string {
  const start = doc.indexOf(`## ${title}`);
  const end = doc.indexOf('\n## ', start + 1);
  return doc.slice(start, end === -1 ? undefined : end);
}

describe('docs/workflows.md', () => {
  it('shows the example definition exactly as examples/purchase-request.json has it', () => {
    const block = /```json\n([\s\S]*?)\n```/.exec(section('Worked example'))?.[1];

    expect(JSON.parse(block ?? 'null')).toEqual(purchaseRequestDefinition());
  });

  it('maps each refusal reason to the problem code and status the decision gives', () => {
    const rows = section('The decision')
      .split('\n')
      .filter((line) => /^\| .* \| `[a-z_]+` \| \d{3} `[a-z_]+`/.test(line))
      .map((line) =>
        line
          .split(' | ')
          .slice(-2)
          .map((cell) => cell.replace(/[|`]/g, '').trim()),
      );
    const documented = Object.fromEntries(rows.map(([reason, answer]) => [reason, answer!.split(',')[0]]));

    const expected = Object.fromEntries(
      Object.entries(REFUSAL_PROBLEMS).map(([reason, code]) => [reason, `${catalogue[code].status} ${code}`]),
    );
    expect(documented).toEqual(expected);
  });

  it('states the limits the code enforces', () => {
    const conditions = section('Conditions');

    expect(conditions).toContain(`at most ${CONDITION_MAX_LENGTH.toLocaleString('en')} characters`);
    expect(conditions).toContain(`${CONDITION_LIMITS.maxAstNodes} syntax tree nodes`);
    expect(conditions).toContain(`nesting depth ${CONDITION_LIMITS.maxDepth}`);
    expect(conditions).toContain(`maps of ${CONDITION_LIMITS.maxMapEntries}`);
    expect(section('The document')).toContain(`1 to ${MAX_QUORUM}`);
  });
});
