import { readFileSync } from 'node:fs';
import path from 'node:path';
import { catalogue } from '../../../shared/http/catalogue';

interface DocumentedCode {
  code: string;
  status: number;
  title: string;
  when: string;
  todo: string;
}

function documentedCodes(): DocumentedCode[] {
  const text = readFileSync(path.join(__dirname, '../../../docs/errors.md'), 'utf8');
  const section = text.slice(text.indexOf('## Catalogue'));
  return section
    .split('\n')
    .filter((line) => line.startsWith('| `'))
    .map((line) => {
      const [code, status, title, when, todo] = line
        .slice(1, -1)
        .split(' | ')
        .map((cell) => cell.trim());
      return { code: code!.replace(/`/g, ''), status: Number(status), title: title!, when: when!, todo: todo! };
    });
}

const documented = documentedCodes();

describe('docs/errors.md', () => {
  test('lists every catalogue code exactly once, and no other', () => {
    const codes = documented.map((d) => d.code);

    expect([...codes].sort()).toEqual(Object.keys(catalogue).sort());
    expect(new Set(codes).size).toBe(codes.length);
  });

  test('gives each code the status and title of the catalogue', () => {
    const fromDocs = documented.map(({ code, status, title }) => [code, status, title]);
    const fromCatalogue = documented.map(({ code }) => {
      const entry = catalogue[code as keyof typeof catalogue];
      return [code, entry?.status, entry?.title];
    });

    expect(fromDocs).toEqual(fromCatalogue);
  });

  test('says for each code when it happens and what the caller should do', () => {
    const missing = documented.filter((d) => d.when.length < 10 || d.todo.length < 10).map((d) => d.code);

    expect(missing).toEqual([]);
  });
});
