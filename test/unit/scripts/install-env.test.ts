// The inner `npm install` of code-server (scripts/vscode/ensure.mjs) runs from inside `npm start` and
// `npm test`. The outer npm's variables must not reach it: code-server's postinstall reads the Node
// version from npm_config_user_agent and refuses anything but v24 (issue 14, item 1).

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { moduleUrl, runModule } from './helpers';

const ENSURE = moduleUrl('scripts', 'vscode', 'ensure.mjs');
const NODE24 = '/opt/node-24';

type Env = Record<string, string>;

test('under a real `npm run`, the outer npm state is dropped and Node 24 comes first', () => {
  // A throwaway package whose script prints its own environment and the one installEnv makes of it.
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'nn-install-env-'));
  fs.writeFileSync(path.join(dir, 'probe.mjs'),
    `import { installEnv } from '${ENSURE}';\n` +
    `console.log(JSON.stringify({ outer: process.env, inner: installEnv(process.env, '${NODE24}') }));\n`);
  fs.writeFileSync(path.join(dir, 'package.json'), JSON.stringify({ name: 'probe', version: '1.0.0', scripts: { probe: 'node probe.mjs' } }));
  const r = spawnSync('npm', ['run', 'probe', '--silent'], { cwd: dir, encoding: 'utf8', env: { ...process.env, NN_KEEP_ME: 'yes' } });
  assert.equal(r.status, 0, r.stderr);
  const { outer, inner } = JSON.parse(r.stdout.trim().split('\n').pop() ?? '') as { outer: Env; inner: Env };

  // What the outer npm leaks: its user agent names the Node it runs on (not 24).
  assert.match(outer.npm_config_user_agent, new RegExp(`node/${process.version}`));
  assert.ok(outer.npm_package_name && outer.npm_lifecycle_event && outer.npm_execpath);

  const leaked = Object.keys(inner).filter((k) => /^npm_/.test(k) && k !== 'npm_config_nodedir');
  assert.deepEqual(leaked, []);
  assert.equal(inner.NODE, undefined);
  assert.equal(inner.INIT_CWD, undefined);
  assert.equal(inner.npm_config_nodedir, NODE24);
  assert.deepEqual(inner.PATH.split(path.delimiter), [path.join(NODE24, 'bin'), ...outer.PATH.split(path.delimiter)]);
  // The user's own variables (proxies, HOME, …) are kept.
  assert.equal(inner.NN_KEEP_ME, 'yes');
  assert.equal(inner.HOME, outer.HOME);
});

test('a nodedir from the npmrc (exported by npm) gives way to Node 24\'s headers; the user\'s NPM_CONFIG_* stay', () => {
  const outer = { PATH: '/usr/bin', npm_config_nodedir: '/usr', npm_config_user_agent: 'npm/11 node/v20.20.2', NPM_CONFIG_REGISTRY: 'https://mirror.example/' };
  const inner = runModule(
    `import { installEnv } from '${ENSURE}';\n` +
    `console.log(JSON.stringify(installEnv(${JSON.stringify(outer)}, '${NODE24}')));`,
  ) as Env;
  assert.deepEqual(inner, { PATH: `${NODE24}/bin${path.delimiter}/usr/bin`, npm_config_nodedir: NODE24, NPM_CONFIG_REGISTRY: 'https://mirror.example/' });
});
