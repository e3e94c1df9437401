import { compileCondition, type ConditionBindings } from '../../../shared/workflow/condition';

function compiled(source: string, declared?: string[]) {
  const result = compileCondition(source, declared === undefined ? undefined : new Set(declared));
  if (!result.ok) throw new Error(`expected "${source}" to compile: ${result.problems.join('; ')}`);
  return result.condition;
}

function problems(source: string, declared?: string[]): string[] {
  const result = compileCondition(source, declared === undefined ? undefined : new Set(declared));
  return result.ok ? [] : result.problems;
}

function on(data: Record<string, unknown>, facts: Partial<ConditionBindings['case']> = {}): ConditionBindings {
  return { data, case: { state: 'submitted', requester: 'rita', assignee: null, ...facts } };
}

describe('compileCondition', () => {
  it('compares JSON numbers with integer and decimal literals', () => {
    const over = compiled('data.amount > 10000');

    expect(over.evaluate(on({ amount: 10_000 }))).toEqual({ ok: true, value: false });
    expect(over.evaluate(on({ amount: 10_000.5 }))).toEqual({ ok: true, value: true });
    expect(compiled('data.amount == 3').evaluate(on({ amount: 3 }))).toEqual({ ok: true, value: true });
  });

  it('reads the case facts: state, requester and assignee', () => {
    const unassigned = compiled('case.assignee == null && case.state == "submitted" && case.requester != ""');

    expect(unassigned.evaluate(on({}))).toEqual({ ok: true, value: true });
    expect(unassigned.evaluate(on({}, { assignee: 'anna' }))).toEqual({ ok: true, value: false });
  });

  it('iterates a list with all, exists and exists_one', () => {
    const condition = compiled('data.lines.all(l, l.qty > 0) && data.lines.exists_one(l, l.urgent) && has(data.lines)');

    expect(
      condition.evaluate(
        on({
          lines: [
            { qty: 1, urgent: true },
            { qty: 2, urgent: false },
          ],
        }),
      ),
    ).toEqual({
      ok: true,
      value: true,
    });
    expect(condition.evaluate(on({ lines: [{ qty: 0, urgent: true }] }))).toEqual({ ok: true, value: false });
  });

  it('answers a missing field or a type mismatch as undecided instead of throwing', () => {
    const over = compiled('data.amount > 10000');

    expect(over.evaluate(on({}))).toEqual({ ok: false, message: 'No such key: amount' });
    expect(over.evaluate(on({ amount: 'lots' }))).toMatchObject({
      ok: false,
      message: expect.stringContaining('overload'),
    });
  });

  it('answers a condition that yields something other than a boolean at run time as undecided', () => {
    expect(compiled('data.flag').evaluate(on({ flag: 'yes' }))).toEqual({
      ok: false,
      message: 'the condition did not yield a boolean',
    });
  });

  it('never reaches inherited members of the data object', () => {
    expect(compiled('has(data.constructor) || has(data.toString)').evaluate(on({}))).toEqual({
      ok: true,
      value: false,
    });
  });

  it('refuses what does not parse, is not boolean, or names unknown variables', () => {
    expect(problems('data.amount >')).toEqual([expect.stringMatching(/^does not parse: /)]);
    expect(problems('1 + 2')).toEqual(['yields int, not a boolean']);
    expect(problems('amount > 3')).toEqual([expect.stringContaining('Unknown variable: amount')]);
  });

  it('refuses fields of case it does not carry and data fields outside the declared ones', () => {
    expect(problems('case.title == "x" && data.amount > 1 && data["cost"] > 1', ['amount'])).toEqual([
      'reads case.title; case has only state, requester, assignee',
      'reads data.cost, which dataSchema.properties does not declare',
    ]);
  });

  it('refuses regular expressions, list building and bound values, whose cost is not bounded', () => {
    expect(problems('data.s.matches("(a+)+$")')).toEqual(['method "matches" is not available in conditions']);
    expect(problems('size(data.l.map(x, x)) > 0')).toEqual(['method "map" is not available in conditions']);
    expect(problems('size(data.l.filter(x, x > 1)) > 0')).toEqual(['method "filter" is not available in conditions']);
    expect(problems('cel.bind(x, data.s, x == "")')).toEqual(['method "bind" is not available in conditions']);
    expect(problems('data.s.split(",").size() > 1')).toEqual(['method "split" is not available in conditions']);
  });

  it('refuses nested comprehensions and comprehension bodies reading more than their own variable', () => {
    expect(problems('data.l.all(a, a.m.exists(b, b))')).toEqual([
      '"exists" may not be used inside another comprehension',
    ]);
    expect(problems('data.l.all(a, a == data.s)')).toEqual([
      'a comprehension body may read only its own variable "a", not "data"',
    ]);
  });

  it('refuses a condition larger than the syntax tree limits', () => {
    const huge = `${Array.from({ length: 60 }, () => 'data.a').join(' + ')} > 0`;

    expect(problems(huge)).toEqual([expect.stringContaining('Exceeded maxAstNodes')]);
  });
});
