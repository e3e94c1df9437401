import { shutdown } from '../../../shared/config/lifecycle';
import { ConfigError, resetConfig } from '../../../shared/config/load';
import { closeOrm, getOrm } from '../../../shared/db/orm';
import { databaseReachable, PING_TIMEOUT_MS } from '../../../shared/db/ping';

const machineDatabase = process.env['DATABASE_URL']!;

function useDatabaseUrl(url: string | undefined): void {
  if (url === undefined) delete process.env['DATABASE_URL'];
  else process.env['DATABASE_URL'] = url;
  resetConfig();
}

afterEach(async () => {
  await closeOrm();
  useDatabaseUrl(machineDatabase);
});

describe('getOrm', () => {
  it('gives the same ORM to every caller of the process', async () => {
    const [a, b] = await Promise.all([getOrm(), getOrm()]);

    expect(a).toBe(b);
    expect(a.config.get('allowGlobalContext')).toBe(false);
  });

  it('opens a new ORM after closeOrm, connecting only on its first query', async () => {
    const first = await getOrm();
    await closeOrm();

    const second = await getOrm();

    expect(second).not.toBe(first);
    expect(await second.isConnected()).toBe(false);
  });

  it('is closed by shutdown()', async () => {
    const orm = await getOrm();
    await orm.em.getConnection().execute('select 1');

    await shutdown();

    expect(await orm.isConnected()).toBe(false);
  });

  it('refuses to start without DATABASE_URL, saying which setting is missing', async () => {
    useDatabaseUrl(undefined);

    await expect(getOrm()).rejects.toThrow(ConfigError);
    await expect(getOrm()).rejects.toThrow(/DATABASE_URL/);
  });
});

describe('databaseReachable', () => {
  it('is true when PostgreSQL answers', async () => {
    expect(await databaseReachable()).toBe(true);
  });

  it('is false, quickly, when nothing listens at DATABASE_URL', async () => {
    useDatabaseUrl('postgres://postgres@127.0.0.1:1/test');
    const started = Date.now();

    expect(await databaseReachable()).toBe(false);
    expect(Date.now() - started).toBeLessThan(PING_TIMEOUT_MS + 1000);
  });

  it('is false when DATABASE_URL is unset', async () => {
    useDatabaseUrl(undefined);

    expect(await databaseReachable()).toBe(false);
  });
});
