import { resetConfig } from '../../../shared/config/load';
import { shutdown } from '../../../shared/config/lifecycle';
import { withTenantSlot } from '../../../shared/coordination/tenantSlots';
import { Problem } from '../../../shared/http/problem';
import { createLogger, type LogFields } from '../../../shared/telemetry/logger';

beforeAll(() => {
  Object.assign(process.env, { REDIS_URL: 'redis://127.0.0.1:1', TENANT_CONCURRENCY: '1' });
  resetConfig();
});

afterAll(async () => {
  await shutdown();
  process.env['REDIS_URL'] = 'redis://127.0.0.1:6379';
  delete process.env['TENANT_CONCURRENCY'];
  resetConfig();
});

describe('tenant slots with Redis unreachable', () => {
  it('keep capping per instance with in-process slots and log a warning', async () => {
    const lines: { level: string; fields: LogFields }[] = [];
    const log = createLogger((level, _message, fields) => lines.push({ level, fields }), 'debug');
    let open!: () => void;
    const held = new Promise<void>((resolve) => (open = resolve));

    const first = withTenantSlot('tenant-a', () => held, log);
    await new Promise((resolve) => setTimeout(resolve, 50));
    const second = await withTenantSlot('tenant-a', async () => 'ran', log).catch((error: unknown) => error);
    open();
    await first;

    expect(second).toBeInstanceOf(Problem);
    expect(lines).toContainEqual(
      expect.objectContaining({ level: 'warn', fields: expect.objectContaining({ use: 'tenant-slots' }) }),
    );
    await expect(withTenantSlot('tenant-a', async () => 'ran', log)).resolves.toBe('ran');
  });
});
