import { mkdtemp, mkdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { appModuleFiles, loadApp } from '../../../devhost/loadApp';

describe('appModuleFiles', () => {
  let root: string;

  beforeAll(async () => {
    root = await mkdtemp(path.join(tmpdir(), 'signoff-app-'));
    await mkdir(path.join(root, 'functions/nested'), { recursive: true });
    await mkdir(path.join(root, 'orchestrations'));
    for (const file of ['functions/b.js', 'functions/a.js', 'functions/a.js.map', 'functions/types.d.js']) {
      await writeFile(path.join(root, file), '');
    }
    await writeFile(path.join(root, 'functions/nested/deep.js'), '');
    await writeFile(path.join(root, 'orchestrations/case.js'), '');
    await writeFile(path.join(root, 'orchestrations/case.ts'), '');
  });

  afterAll(() => rm(root, { recursive: true, force: true }));

  it('takes the direct children of functions/ and orchestrations/ in the running extension, sorted', () => {
    const files = appModuleFiles(root, '.js').map((f) => path.relative(root, f));

    expect(files).toEqual(['functions/a.js', 'functions/b.js', 'orchestrations/case.js']);
  });

  it('finds nothing in a folder without them', () => {
    expect(appModuleFiles(path.join(root, 'functions/nested'), '.js')).toEqual([]);
  });
});

describe('loadApp', () => {
  it('captures the real registrations of every functions module, once however often it loads', async () => {
    const first = await loadApp();
    const second = await loadApp();

    expect(first.http.length).toBeGreaterThan(0);
    expect(second.functions.length).toBe(first.functions.length);
    expect(first.http.map((r) => r.route)).toContain('v1/health');
    expect(first.http.every((r) => typeof r.handler === 'function' && r.methods.length > 0)).toBe(true);
  });
});
