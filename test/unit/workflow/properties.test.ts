import fc from 'fast-check';
import { availableTransitions } from '../../../shared/workflow/availableTransitions';
import type { CaseSnapshot } from '../../../shared/workflow/caseSnapshot';
import { compileDefinition } from '../../../shared/workflow/compileDefinition';
import { decideTransition } from '../../../shared/workflow/decideTransition';
import type { WorkflowDefinitionDocument } from '../../../shared/workflow/definitionSchema';
import { calls, OIDS, validDefinition, type Call } from './arbitraries';

/** What a run of calls did to a case. */
interface Run {
  states: string[];
  moves: { from: string; to: string; irreversible: boolean }[];
  violations: string[];
}

function opened(definition: WorkflowDefinitionDocument, assignee: string | null): CaseSnapshot {
  return { state: definition.initialState, data: {}, requester: OIDS[0]!, assignee, history: [] };
}

function play(definition: WorkflowDefinitionDocument, sequence: Call[], assignee: string | null): Run {
  const compiled = compileDefinition(definition);
  const states = new Set(definition.states.map((s) => s.name));
  const terminal = new Set(definition.states.filter((s) => s.terminal === true).map((s) => s.name));
  const left = new Set<string>();
  let snapshot = opened(definition, assignee);
  const run: Run = { states: [snapshot.state], moves: [], violations: [] };

  for (const call of sequence) {
    snapshot = { ...snapshot, data: call.data };
    const decision = decideTransition({ ...call, definition: compiled, case: snapshot });
    if (decision.outcome === 'record-approval') {
      if (terminal.has(snapshot.state)) run.violations.push(`approval recorded in terminal ${snapshot.state}`);
      const step = { kind: 'approval' as const, transition: call.transition, actor: call.principal.oid };
      snapshot = { ...snapshot, history: [...snapshot.history, step] };
    }
    if (decision.outcome !== 'apply') continue;

    if (!states.has(decision.to)) run.violations.push(`entered unknown state ${decision.to}`);
    if (terminal.has(snapshot.state)) run.violations.push(`left terminal state ${snapshot.state}`);
    if (decision.from !== snapshot.state) run.violations.push(`moved from ${decision.from}, not ${snapshot.state}`);
    if (left.has(decision.to)) run.violations.push(`re-entered ${decision.to} after an irreversible move left it`);
    if (decision.irreversible) left.add(decision.from);
    run.moves.push({ from: decision.from, to: decision.to, irreversible: decision.irreversible });
    const step = { kind: 'applied' as const, transition: call.transition, actor: call.principal.oid };
    snapshot = { ...snapshot, state: decision.to, history: [...snapshot.history, step] };
    run.states.push(snapshot.state);
  }
  return run;
}

const assignee = fc.constantFrom(null, ...OIDS);

describe('any valid definition under any sequence of calls', () => {
  it('keeps the case inside its states, never leaves a terminal state, never returns past an irreversible move', () => {
    fc.assert(
      fc.property(
        validDefinition().chain((d) => fc.tuple(fc.constant(d), calls(d), assignee)),
        ([definition, sequence, who]) => {
          expect(play(definition, sequence, who).violations).toEqual([]);
        },
      ),
      { numRuns: 300 },
    );
  });

  it('moves cases at all: some generated runs reach a terminal state and some take an irreversible move', () => {
    let ended = 0;
    let irreversible = 0;
    fc.assert(
      fc.property(
        validDefinition().chain((d) => fc.tuple(fc.constant(d), calls(d), assignee)),
        ([definition, sequence, who]) => {
          const run = play(definition, sequence, who);
          const terminal = definition.states.filter((s) => s.terminal === true).map((s) => s.name);
          if (terminal.includes(run.states.at(-1)!)) ended += 1;
          if (run.moves.some((m) => m.irreversible)) irreversible += 1;
        },
      ),
      { numRuns: 300 },
    );

    expect(ended).toBeGreaterThan(10);
    expect(irreversible).toBeGreaterThan(5);
  });

  it('lists a transition as available exactly when deciding it would not be refused for who is asking', () => {
    fc.assert(
      fc.property(
        validDefinition().chain((d) => fc.tuple(fc.constant(d), calls(d), assignee)),
        ([definition, sequence, who]) => {
          const compiled = compileDefinition(definition);
          const snapshot = { ...opened(definition, who), data: sequence[0]!.data };
          const { principal } = sequence[0]!;

          for (const listed of availableTransitions(compiled, snapshot, principal)) {
            const input = { reason: 'because' };
            const decision = decideTransition({
              definition: compiled,
              case: snapshot,
              transition: listed.name,
              principal,
              input,
            });
            const refusal = decision.outcome === 'refuse' ? decision.reason : undefined;
            expect(refusal).toBe(listed.reason);
            expect(decision.outcome === 'step-up-required').toBe(listed.available && listed.stepUp);
          }
        },
      ),
      { numRuns: 200 },
    );
  });
});
