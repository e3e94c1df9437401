import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { readDurableConcurrency, readRoutePrefix, readTaskHub } from '../../../devhost/hostJson';

let root: string;

beforeEach(async () => {
  root = await mkdtemp(path.join(tmpdir(), 'signoff-host-'));
});

afterEach(() => rm(root, { recursive: true, force: true }));

const hostJson = (content: unknown) => writeFile(path.join(root, 'host.json'), JSON.stringify(content));

describe('host.json settings', () => {
  it('reads the route prefix without slashes, Azure’s api by default, and an empty prefix as none', async () => {
    await hostJson({ extensions: { http: { routePrefix: '/v2/api/' } } });
    expect(readRoutePrefix(root)).toBe('v2/api');

    await hostJson({});
    expect(readRoutePrefix(root)).toBe('api');

    await hostJson({ extensions: { http: { routePrefix: '' } } });
    expect(readRoutePrefix(root)).toBe('');
  });

  it('reads the task hub and durable concurrency, with the extension’s defaults', async () => {
    await hostJson({ extensions: { durableTask: { hubName: 'Hub', maxConcurrentActivityFunctions: 3 } } });
    expect(readTaskHub(root)).toBe('Hub');
    expect(readDurableConcurrency(root)).toEqual({ activities: 3, orchestrators: 10 });

    await hostJson({});
    expect(readTaskHub(root)).toBe('TestHubName');
  });

  it('refuses a route prefix that is not a string', async () => {
    await hostJson({ extensions: { http: { routePrefix: 7 } } });

    expect(() => readRoutePrefix(root)).toThrow(/routePrefix must be a string/);
  });

  it('reads the repository’s own host.json by default', () => {
    expect(readRoutePrefix()).toBe('api');
    expect(readTaskHub()).toBe('SignoffHub');
  });
});
