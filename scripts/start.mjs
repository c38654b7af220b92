// `npm start`: builds, then opens examples/ in VS Code with NN Studio loaded from this folder — in the
// installed VS Code as a development extension when its `code` command is on PATH, otherwise in a
// local code-server (a browser VS Code, installed on first use) whose address is printed, with the
// folder linked in as an installed extension: that workbench then runs as users get it (toasts,
// dialogs), which its development mode does not. Runs until Ctrl+C.
//   node scripts/start.mjs [--browser] [--port N]
import { spawn, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { delimiter, join } from 'node:path';
import { parseArgs } from 'node:util';
import { ROOT } from './vscode/ensure.mjs';
import { startCodeServer } from './vscode/code-server.mjs';

const { values: opts } = parseArgs({ options: { browser: { type: 'boolean' }, port: { type: 'string' } } });
const examples = join(ROOT, 'examples');
const say = (msg) => console.log(`start: ${msg}`);

function findOnPath(name) {
  const names = process.platform === 'win32' ? [`${name}.cmd`, `${name}.exe`] : [name];
  for (const dir of (process.env.PATH ?? '').split(delimiter)) {
    for (const n of names) if (dir && existsSync(join(dir, n))) return join(dir, n);
  }
  return undefined;
}

say('building …');
if (spawnSync(process.execPath, [join(ROOT, 'scripts', 'build.mjs')], { cwd: ROOT, stdio: 'inherit' }).status !== 0) {
  say('the build failed (see above)');
  process.exit(1);
}

const code = opts.browser ? undefined : findOnPath('code');
if (code) {
  say(`opening ${examples} in VS Code (${code}); close the window or press Ctrl+C to end`);
  const child = spawn(code, ['--new-window', '--wait', `--extensionDevelopmentPath=${ROOT}`, examples],
    { stdio: 'inherit', shell: process.platform === 'win32' });
  child.on('exit', (status) => process.exit(status ?? 0));
} else {
  try {
    const server = await startCodeServer({ workspace: examples, extension: ROOT, port: opts.port ? Number(opts.port) : undefined });
    const url = server.workbenchUrl();
    say('VS Code is not on PATH, so NN Studio runs in a local code-server (a browser VS Code).');
    say('open this address in your browser (run `npm run build` and reload the page after a change):');
    console.log(`\n  ${url}\n`);
    // The running server keeps this process alive; Ctrl+C ends both (see startCodeServer).
    say('press Ctrl+C to stop');
  } catch (err) {
    say(`could not start code-server: ${err.message}`);
    process.exit(1);
  }
}
