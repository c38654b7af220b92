// The extension adapts core/ to VS Code; the CLI is another such adapter. Neither may lean on the
// other: shared text formatting lives in core/services/format/.

import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { test } from 'node:test';
import { ROOT } from '../language/helpers';

function sources(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const full = path.join(dir, e.name);
    return e.isDirectory() ? sources(full) : e.name.endsWith('.ts') ? [full] : [];
  });
}

test('no extension/ module imports from core/adapters/cli/', () => {
  const offenders = sources(path.join(ROOT, 'extension'))
    .filter((file) => /from '[./]*core\/cli\//.test(fs.readFileSync(file, 'utf8')))
    .map((file) => path.relative(ROOT, file));
  assert.deepEqual(offenders, []);
});

test('core/services/format/ needs neither the CLI nor VS Code', () => {
  for (const file of sources(path.join(ROOT, 'core', 'services', 'format'))) {
    const text = fs.readFileSync(file, 'utf8');
    assert.doesNotMatch(text, /from '(\.\.\/cli\/|vscode')/, path.relative(ROOT, file));
  }
});
