// Starts code-server (a real VS Code: the VS Code server and workbench) on 127.0.0.1 for one run:
// fresh user-data, extensions and XDG folders so runs never share state, quiet settings, its own
// process group so stopping it also ends its file watchers and extension hosts.
import { spawn, spawnSync } from 'node:child_process';
import { closeSync, mkdtempSync, mkdirSync, openSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { constants as osConstants, tmpdir } from 'node:os';
import { join } from 'node:path';
import { ensureVsCode } from './ensure.mjs';

const HOST = '127.0.0.1';
const SIGNALS = ['SIGINT', 'SIGTERM', 'SIGHUP'];

// Nothing that pops up, phones home or restores a previous session's windows.
const QUIET_SETTINGS = {
  'telemetry.telemetryLevel': 'off',
  'update.mode': 'none',
  'extensions.autoCheckUpdates': false,
  'extensions.autoUpdate': false,
  'extensions.ignoreRecommendations': true,
  'workbench.enableExperiments': false,
  'workbench.startupEditor': 'none',
  'workbench.tips.enabled': false,
  'workbench.secondarySideBar.defaultVisibility': 'hidden',
  'workbench.welcomePage.walkthroughs.openOnInstall': false,
  'security.workspace.trust.enabled': false,
  'window.restoreWindows': 'none',
  'files.hotExit': 'off',
  // A web workbench auto-saves after a delay by default: a test's edit would reach the examples on disk.
  'files.autoSave': 'off',
  'git.enabled': false,
  'chat.disableAIFeatures': true,
};

function freePort() {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once('error', reject);
    srv.listen(0, HOST, () => {
      const { port } = srv.address();
      srv.close(() => resolve(port));
    });
  });
}

// Variables of a surrounding VS Code (integrated terminal) would make code-server talk to it.
function cleanEnv(runDir) {
  const env = Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith('VSCODE_')));
  for (const kind of ['CONFIG', 'DATA', 'CACHE']) {
    env[`XDG_${kind}_HOME`] = join(runDir, 'xdg', kind.toLowerCase());
    mkdirSync(env[`XDG_${kind}_HOME`], { recursive: true });
  }
  return env;
}

const tail = (file, lines = 30) => readFileSync(file, 'utf8').split('\n').slice(-lines).join('\n');
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/**
 * code-server's command line after its entry script. `smokeTestDriver` turns on the workbench's
 * smoke-test driver, which a built workbench needs to honour the Extension Development Host payload
 * (see workbenchUrl) but which also changes what users see: every notification goes straight into
 * the bell's list, with no toast, and dialogs are skipped. So it is off unless a caller needs it.
 */
export function serverArgs({ host = HOST, port, dirs = [], smokeTestDriver = false, workspace }) {
  return ['--auth', 'none', '--bind-addr', `${host}:${port}`, ...dirs,
    '--disable-telemetry', '--disable-update-check', '--disable-workspace-trust',
    '--disable-getting-started-override', '--ignore-last-opened',
    ...(smokeTestDriver ? ['--vscode-option', 'enable-smoke-test-driver'] : []), workspace];
}

/**
 * Starts code-server with `workspace` open, on `port` (default: a free one).
 * Options: `vsix` installs that package first; `extension` links that folder (the built project)
 * into the extensions as if installed, so the workbench runs as users get it and a reload picks up
 * a new build; `smokeTestDriver` (see serverArgs) is for the Extension Development Host payload.
 * Returns { port, base, runDir, logFile, workbenchUrl(), stop() }. The server is also ended when this
 * process exits or gets SIGINT, SIGTERM or SIGHUP (then exiting with 128 + the signal's number).
 */
export async function startCodeServer({ workspace, vsix, extension, port, smokeTestDriver = false, healthTimeoutMs = 60_000 } = {}) {
  const { node, entry } = ensureVsCode({ browser: false });
  const runDir = mkdtempSync(join(tmpdir(), 'nn-studio-vscode-'));
  const userData = join(runDir, 'user-data');
  const extensions = join(runDir, 'extensions');
  mkdirSync(join(userData, 'User'), { recursive: true });
  mkdirSync(extensions, { recursive: true });
  writeFileSync(join(userData, 'User', 'settings.json'), JSON.stringify(QUIET_SETTINGS, null, 2));
  const env = cleanEnv(runDir);
  const dirs = ['--user-data-dir', userData, '--extensions-dir', extensions];

  if (vsix) {
    const r = spawnSync(node, [entry, ...dirs, '--install-extension', vsix], { env, encoding: 'utf8' });
    if (r.status !== 0) {
      rmSync(runDir, { recursive: true, force: true });
      throw new Error(`code-server could not install ${vsix}:\n${r.stdout}${r.stderr}`);
    }
  }

  if (extension) {
    // The folder name an installed extension gets (publisher.name-version); the workbench lists it.
    const { publisher, name, version } = JSON.parse(readFileSync(join(extension, 'package.json'), 'utf8'));
    symlinkSync(extension, join(extensions, `${publisher}.${name}-${version}`));
  }

  port ??= await freePort();
  const logFile = join(runDir, 'server.log');
  const logFd = openSync(logFile, 'a');
  const args = [entry, ...serverArgs({ port, dirs, smokeTestDriver, workspace })];
  // detached: its own session and process group (setsid), so one kill reaches every child.
  const child = spawn(node, args, { env, detached: true, stdio: ['ignore', logFd, logFd] });
  closeSync(logFd);
  let exited = false;
  child.once('exit', () => { exited = true; });

  let stopped = false;
  const killGroup = (signal) => {
    try { process.kill(-child.pid, signal); } catch { /* already gone */ }
  };
  // The server lives in its own session, so Ctrl+C in the terminal does not reach it: end it when
  // this process exits or is interrupted.
  const onExit = () => { killGroup('SIGKILL'); rmSync(runDir, { recursive: true, force: true }); };
  const onSignal = (signal) => { onExit(); process.exit(128 + osConstants.signals[signal]); };
  process.once('exit', onExit);
  for (const signal of SIGNALS) process.once(signal, onSignal);
  const stop = async () => {
    if (stopped) return;
    stopped = true;
    killGroup('SIGTERM');
    for (let i = 0; i < 30 && !exited; i++) await sleep(100);
    killGroup('SIGKILL');
    process.removeListener('exit', onExit);
    for (const signal of SIGNALS) process.removeListener(signal, onSignal);
    rmSync(runDir, { recursive: true, force: true });
  };

  const base = `http://${HOST}:${port}`;
  const deadline = Date.now() + healthTimeoutMs;
  for (;;) {
    if (exited) {
      const output = tail(logFile);
      await stop();
      throw new Error(`code-server exited while starting:\n${output}`);
    }
    const ok = await fetch(`${base}/healthz`, { signal: AbortSignal.timeout(2000) }).then((r) => r.ok, () => false);
    if (ok) break;
    if (Date.now() > deadline) {
      const output = tail(logFile);
      await stop();
      throw new Error(`code-server did not answer ${base}/healthz within ${healthTimeoutMs / 1000} s:\n${output}`);
    }
    await sleep(200);
  }

  /**
   * The workbench address with `folder` open; with `extensionDevelopmentPath` (and optionally
   * `extensionTestsPath`) it opens VS Code's Extension Development Host on that extension.
   */
  const workbenchUrl = ({ folder = workspace, extensionDevelopmentPath, extensionTestsPath } = {}) => {
    if ((extensionDevelopmentPath || extensionTestsPath) && !smokeTestDriver) {
      throw new Error('a built workbench ignores the Extension Development Host payload without smokeTestDriver');
    }
    const remote = (p) => `vscode-remote://${HOST}:${port}${p}`;
    const payload = [];
    if (extensionDevelopmentPath) payload.push(['extensionDevelopmentPath', remote(extensionDevelopmentPath)]);
    if (extensionTestsPath) payload.push(['extensionTestsPath', remote(extensionTestsPath)]);
    const query = `folder=${encodeURIComponent(folder)}` +
      (payload.length ? `&payload=${encodeURIComponent(JSON.stringify(payload))}` : '');
    return `${base}/?${query}`;
  };

  return { port, base, runDir, logFile, workbenchUrl, stop };
}
