import { Type } from '@sinclair/typebox';
import type { Problem } from '../../../shared/http/problem';
import { check, fieldErrors } from '../../../shared/http/validation';

const Person = Type.Object({ id: Type.String(), name: Type.String() }, { $id: 'ValidationPerson' });
const Pair = Type.Object({ left: Person, right: Person });

function refusal(run: () => unknown): Problem {
  try {
    run();
  } catch (error) {
    return error as Problem;
  }
  throw new Error('expected a problem');
}

describe('check', () => {
  test('a named schema used twice in one body validates instead of failing to compile', () => {
    const value = { left: { id: '1', name: 'a' }, right: { id: '2', name: 'b' } };

    expect(check(Pair, value, '/body')).toEqual(value);
  });

  test('a named schema nested in one endpoint and whole in another validates in both', () => {
    const value = { id: '1', name: 'a' };

    expect(check(Pair, { left: value, right: value }, '/body')).toBeDefined();
    expect(check(Person, value, '/body')).toEqual(value);
  });

  test('two schema objects with the same $id and shape validate side by side', () => {
    const again = Type.Object({ id: Type.String(), name: Type.String() }, { $id: 'ValidationPerson' });

    expect(check(again, { id: '1', name: 'a' }, '/body')).toBeDefined();
  });

  test('every field error is reported with a pointer below the prefix', () => {
    const problem = refusal(() => check(Pair, { left: { id: 1 }, extra: true }, '/body'));

    expect(problem.code).toBe('validation_failed');
    expect(problem.errors.map((e) => e.pointer).sort()).toEqual(['/body/left/id', '/body/left/name', '/body/right']);
  });

  test('query values are coerced to their declared types', () => {
    const query = { limit: '5', flag: 'true' };

    check(Type.Object({ limit: Type.Integer(), flag: Type.Boolean() }), query, '/query');

    expect(query).toEqual({ limit: 5, flag: true });
  });

  test('body values are never coerced', () => {
    const problem = refusal(() => check(Type.Object({ limit: Type.Integer() }), { limit: '5' }, '/body'));

    expect(problem.errors).toEqual([{ pointer: '/body/limit', message: 'must be integer' }]);
  });
});

describe('fieldErrors', () => {
  test('a missing property points at the property, an unknown one at itself', () => {
    const errors = fieldErrors(
      [
        { keyword: 'required', instancePath: '/a', schemaPath: '', params: { missingProperty: 'b' }, message: 'x' },
        { keyword: 'additionalProperties', instancePath: '', schemaPath: '', params: { additionalProperty: 'c' } },
      ],
      '/body',
    );

    expect(errors).toEqual([
      { pointer: '/body/a/b', message: 'x' },
      { pointer: '/body/c', message: 'is invalid' },
    ]);
  });
});
