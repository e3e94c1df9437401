import path from 'node:path';
import { appModuleFiles, loadApp, loadModules } from '../devhost/loadApp';
import { compiledRoot } from '../devhost/paths';
import { probeLine, type ProbeFigures } from './coldStartFigures';

// Run in a fresh `node` process by coldStart.ts: loads the app once and prints what it took on one line.
// With --per-module it requires the modules one by one instead, timing what each adds.

async function loadWhole(): Promise<Pick<ProbeFigures, 'loadAppMs' | 'functions'>> {
  const started = performance.now();
  const app = await loadApp();
  return { loadAppMs: performance.now() - started, functions: app.functions.length };
}

function loadOneByOne(): Pick<ProbeFigures, 'loadAppMs' | 'functions' | 'perModuleMs'> {
  const perModuleMs: Record<string, number> = {};
  let functions = 0;
  for (const file of appModuleFiles()) {
    const started = performance.now();
    functions = loadModules([file]).functions.length;
    perModuleMs[path.relative(compiledRoot(), file)] = performance.now() - started;
  }
  const loadAppMs = Object.values(perModuleMs).reduce((sum, ms) => sum + ms, 0);
  return { loadAppMs, functions, perModuleMs };
}

async function main(): Promise<void> {
  const loaded = process.argv.includes('--per-module') ? loadOneByOne() : await loadWhole();
  const figures: ProbeFigures = {
    ...loaded,
    processToLoadedMs: performance.now(),
    rssBytes: process.memoryUsage().rss,
  };
  process.stdout.write(probeLine(figures));
  // Loaded modules may hold timers or sockets; the figures are out, so nothing else matters.
  process.exit(0);
}

void main();
