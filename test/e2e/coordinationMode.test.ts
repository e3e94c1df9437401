import { startDevhostProcess } from '../support/devhostProcess';

jest.setTimeout(120_000);

describe('devhost without REDIS_URL', () => {
  it('starts with in-process coordination and says at startup that it is single-instance only', async () => {
    const devhost = await startDevhostProcess({ env: { REDIS_URL: '' } });
    try {
      expect(devhost.output()).toContain('single instance only');
      expect((await fetch(`${devhost.url}/api/v1/health`)).status).toBe(200);
    } finally {
      await devhost.stop();
    }
  });

  it('refuses to start when SIGNOFF_ENV is production, naming REDIS_URL', async () => {
    const start = startDevhostProcess({ env: { REDIS_URL: '', SIGNOFF_ENV: 'production' }, timeoutMs: 30_000 });

    await expect(start).rejects.toThrow(/REDIS_URL: is required when SIGNOFF_ENV is production/);
  });
});
