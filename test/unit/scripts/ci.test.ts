// CI must prove what a user does (issue 14, item 1): .ci/run installs the README's Debian packages
// and then runs the README's test command, with no step of its own before it.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { ROOT } from './helpers';

const read = (file: string) => fs.readFileSync(path.join(ROOT, file), 'utf8');

/** The README's "Two commands" code block, each line without its comment. */
function readmeCommands(): string[] {
  const section = /## Two commands\s+```sh\n([\s\S]*?)```/.exec(read('README.md'));
  assert.ok(section, 'README.md has a "Two commands" section with a sh block');
  return section[1].split('\n').map((l) => l.replace(/#.*/, '').trim()).filter(Boolean);
}

test('the README gives the two commands', () => {
  assert.deepEqual(readmeCommands(), ['npm install && npm start', 'npm install && npm test']);
});

test('.ci/run runs no npm or node command but the README\'s test command, as its last step', () => {
  const lines = read('.ci/run').split('\n').map((l) => l.trim()).filter((l) => l && !l.startsWith('#'));
  const tools = lines.filter((l) => /(^|[\s;&|(])(npm|npx|node)\s/.test(l));
  assert.deepEqual(tools, ['npm install && npm test']);
  assert.equal(lines[lines.length - 1], readmeCommands()[1]);
});

test('.ci/run installs the Debian packages the README names', () => {
  const apt = /APT_PACKAGES=\(([^)]*)\)/.exec(read('.ci/run'));
  assert.ok(apt);
  const readme = read('README.md');
  for (const pkg of apt[1].trim().split(/\s+/)) assert.match(readme, new RegExp(`\\b${pkg}\\b`), `README names ${pkg}`);
});
