import { spawnSync, SpawnSyncOptions } from 'node:child_process';
import * as path from 'node:path';

export const ROOT = path.resolve(__dirname, '../../../..');

/**
 * Runs a small ES module (the scripts are .mjs, which this CommonJS build cannot import) in a child
 * Node and returns the JSON it prints on its last line.
 */
export function runModule(source: string, options: SpawnSyncOptions = {}): unknown {
  const r = spawnSync(process.execPath, ['--input-type=module', '-e', source], { cwd: ROOT, encoding: 'utf8', ...options });
  if (r.status !== 0) throw new Error(`child exited ${r.status}: ${r.stderr}`);
  return JSON.parse(String(r.stdout).trim().split('\n').pop() ?? '');
}

/** A file: URL for `import` in a child module. */
export const moduleUrl = (...parts: string[]) => `file://${path.join(ROOT, ...parts)}`;
