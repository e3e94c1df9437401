import { idempotencyKeyOf } from '../../../shared/coordination/idempotencyKey';
import { Problem } from '../../../shared/http/problem';

const headers = (value?: string) => new Headers(value === undefined ? {} : { 'Idempotency-Key': value });

describe('idempotencyKeyOf', () => {
  it('is undefined when the header is absent', () => {
    expect(idempotencyKeyOf(headers())).toBeUndefined();
  });

  it('reads a structured-field string without its quotes', () => {
    expect(idempotencyKeyOf(headers('"8e03978e-40d5-43e8-bc93-6894a57f9324"'))).toBe(
      '8e03978e-40d5-43e8-bc93-6894a57f9324',
    );
  });

  it('accepts a bare token', () => {
    expect(idempotencyKeyOf(headers('order-42'))).toBe('order-42');
  });

  it.each([['""'], ['has space'], ['x'.repeat(256)], ['"a"b"'], ['naïve']])('refuses the malformed key %j', (value) => {
    expect(() => idempotencyKeyOf(headers(value))).toThrow(Problem);
    try {
      idempotencyKeyOf(headers(value));
    } catch (error) {
      expect((error as Problem).code).toBe('validation_failed');
      expect((error as Problem).errors[0]?.pointer).toBe('/headers/idempotency-key');
    }
  });
});
