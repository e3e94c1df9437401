import { createInvocationContext, jsonLogHandler } from '../../../devhost/invocationContext';
import type { BaseRegistration } from '../../../devhost/registrations';
import { createLogger, type LogFields, type LogLevel } from '../../../shared/telemetry/logger';

function capture() {
  const lines: { level: LogLevel; message: string; fields: LogFields }[] = [];
  return { lines, logger: createLogger((level, message, fields) => lines.push({ level, message, fields }), 'debug') };
}

const registration = {
  name: 'getThing',
  handler: () => undefined,
  options: {
    trigger: { type: 'httpTrigger', name: 't' },
    extraInputs: [{ type: 'durableClient', name: 'client1' }],
    extraOutputs: [],
  },
} as BaseRegistration;

describe('jsonLogHandler', () => {
  it('keeps a fixed message with its fields, as the pipeline logs through the context', () => {
    const { lines, logger } = capture();

    jsonLogHandler(logger)('warning', 'request refused', { code: 'forbidden', status: 403 });

    expect(lines).toEqual([{ level: 'warn', message: 'request refused', fields: { code: 'forbidden', status: 403 } }]);
  });

  it('formats anything else into the message and maps Azure levels to ours', () => {
    const { lines, logger } = capture();
    const log = jsonLogHandler(logger);

    log('information', 'count', 3);
    log('critical', new Error('boom'));
    log('none', 'dropped');

    expect(lines.map((l) => [l.level, l.message.split('\n')[0]])).toEqual([
      ['info', 'count 3'],
      ['error', 'Error: boom'],
    ]);
  });
});

describe('createInvocationContext', () => {
  it('gives each invocation a fresh id, the function options and its extra input values', () => {
    const extraInputs = () => ({ client1: { taskHubName: 'Hub' } });

    const first = createInvocationContext(registration, { logLevel: 'silent', extraInputs }).context;
    const second = createInvocationContext(registration, { logLevel: 'silent' }).context;

    expect(first.functionName).toBe('getThing');
    expect(first.invocationId).not.toBe(second.invocationId);
    expect(first.options.extraInputs).toEqual(registration.options.extraInputs);
    expect(first.extraInputs.get('client1')).toEqual({ taskHubName: 'Hub' });
  });
});
