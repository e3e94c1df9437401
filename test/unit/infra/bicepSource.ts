import { readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';

// A reader for the Bicep files in infra/, enough to check how they fit together without the Bicep CLI.
// It relies on the layout those files keep: one declaration per line, at the start of the line, and
// object properties one per line.

export const repoRoot = resolve(__dirname, '../../..');
export const infraDir = join(repoRoot, 'infra');

export interface BicepParam {
  name: string;
  type: string;
  hasDefault: boolean;
  decorators: string[];
}

export interface BicepModule {
  symbol: string;
  path: string;
  params: string[];
}

export interface BicepResource {
  symbol: string;
  type: string;
  apiVersion: string;
}

export interface BicepFile {
  path: string;
  text: string;
  params: BicepParam[];
  vars: string[];
  outputs: string[];
  modules: BicepModule[];
  resources: BicepResource[];
}

/** Reads and indexes one Bicep file. */
export function readBicep(path: string): BicepFile {
  const text = readFileSync(path, 'utf8');
  return {
    path,
    text,
    params: paramsOf(text),
    vars: [...text.matchAll(/^var (\w+) =/gm)].map((m) => m[1]!),
    outputs: [...text.matchAll(/^output (\w+) /gm)].map((m) => m[1]!),
    modules: modulesOf(text),
    resources: [...text.matchAll(/^\s*resource (\w+) '([^'@]+)@([^']+)'/gm)].map((m) => ({
      symbol: m[1]!,
      type: m[2]!,
      apiVersion: m[3]!,
    })),
  };
}

/** The absolute path of a module reference relative to the file that references it. */
export function modulePath(file: BicepFile, reference: string): string {
  return resolve(dirname(file.path), reference);
}

function paramsOf(text: string): BicepParam[] {
  const params: BicepParam[] = [];
  let decorators: string[] = [];
  let inDecorator = false;
  for (const line of text.split('\n')) {
    if (inDecorator) {
      inDecorator = !/^\S*\]\)\s*$/.test(line);
      continue;
    }
    const decorator = /^@(\w+)\((.*)$/.exec(line);
    if (decorator) {
      decorators.push(decorator[1]!);
      inDecorator = decorator[2]!.endsWith('[');
      continue;
    }
    const param = /^param (\w+) (\w+)( = .+)?$/.exec(line);
    if (param) params.push({ name: param[1]!, type: param[2]!, hasDefault: param[3] !== undefined, decorators });
    decorators = [];
  }
  return params;
}

function modulesOf(text: string): BicepModule[] {
  return [...text.matchAll(/^module (\w+) '([^']+)' = (?:if \(.+\) )?\{/gm)].map((m) => {
    const body = blockAt(text, m.index + m[0].length - 1);
    const paramsAt = /^ {2}params: \{/m.exec(body);
    return {
      symbol: m[1]!,
      path: m[2]!,
      params: paramsAt ? topLevelKeys(blockAt(body, paramsAt.index + paramsAt[0].length - 1)) : [],
    };
  });
}

/** The text of the `{...}` or `[...]` block opening at `start`, brackets included. */
export function blockAt(text: string, start: number): string {
  let depth = 0;
  let quoted = false;
  for (let i = start; i < text.length; i++) {
    const char = text[i]!;
    if (quoted) {
      if (char === '\\') i++;
      else if (char === "'") quoted = false;
      continue;
    }
    if (char === '/' && text[i + 1] === '/') i = endOfLine(text, i);
    else if (char === "'") quoted = true;
    else if (char === '{' || char === '[' || char === '(') depth++;
    else if (char === '}' || char === ']' || char === ')') depth--;
    if (depth === 0) return text.slice(start, i + 1);
  }
  throw new Error(`Unbalanced block at offset ${start}`);
}

function endOfLine(text: string, from: number): number {
  const end = text.indexOf('\n', from);
  return end < 0 ? text.length : end;
}

/** The object literal assigned by a declaration such as `var signoffSettings =` or `param x =`. */
export function objectAfter(text: string, declaration: string): string {
  const at = text.indexOf(`${declaration} {`);
  if (at < 0) throw new Error(`No object literal after "${declaration}"`);
  return blockAt(text, at + declaration.length + 1);
}

/** Keys of the properties one level inside an object literal (quoted keys are unquoted). */
export function topLevelKeys(block: string): string[] {
  const indent = /\n( *)\S/.exec(block)?.[1] ?? '';
  const keyLine = new RegExp(`^${indent}'?([\\w$.-]+)'?:`, 'gm');
  return [...block.matchAll(keyLine)].map((m) => m[1]!);
}
