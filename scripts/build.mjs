// Bundles every entry point that exists with esbuild. One script so `npm run build`
// works at every stage of the project and in CI alike.
import * as esbuild from 'esbuild';
import { existsSync, chmodSync, mkdirSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { assembleKernels } from '../core/engine/wasm/kernels.wat.mjs';

const production = process.argv.includes('--production');
const common = { bundle: true, sourcemap: !production, minify: production, logLevel: 'warning' };

const entries = [
  // The `nn` command line.
  { entryPoints: ['core/adapters/cli/main.ts'], outfile: 'dist/cli.js', platform: 'node', target: 'node20',
    format: 'cjs', banner: { js: '#!/usr/bin/env node' } },
  // The extension, loaded by VS Code's Node extension host.
  { entryPoints: ['extension/extension.ts'], outfile: 'dist/extension.js', platform: 'node',
    target: 'node20', format: 'cjs', external: ['vscode'] },
  // The language server the extension starts over Node IPC (`nn lsp --stdio` is the same server).
  { entryPoints: ['core/adapters/lsp/main.ts'], outfile: 'dist/server.js', platform: 'node', target: 'node20',
    format: 'cjs' },
  // The worker: a worker_threads thread of the extension host, one per job (train, gradcheck, export).
  { entryPoints: ['extension/worker.ts'], outfile: 'dist/worker.js', platform: 'node',
    target: 'node20', format: 'cjs' },
  // The webview's single script (browser).
  { entryPoints: ['webview/main.ts'], outfile: 'dist/webview.js', platform: 'browser',
    target: 'es2022', format: 'iife' },
  // The comparison panel's script (browser).
  { entryPoints: ['webview/compare/main.ts'], outfile: 'dist/compare.js', platform: 'browser',
    target: 'es2022', format: 'iife' },
  // The network diagram's script (browser).
  { entryPoints: ['webview/diagram/main.ts'], outfile: 'dist/diagram.js', platform: 'browser',
    target: 'es2022', format: 'iife' },
  // The integration suite, run inside a real extension host.
  { entryPoints: ['test/suite/index.ts'], outfile: 'dist/test/suite/index.js', platform: 'node',
    target: 'node20', format: 'cjs', external: ['vscode', 'mocha'] },
];

// The TextMate grammar, generated from the registry of kinds and the catalogue
// (core/language/grammar.ts): bundled in memory and run, so a new kind is highlighted at once.
const grammarModule = await esbuild.build({ entryPoints: ['core/language/grammar.ts'], bundle: true, write: false,
  platform: 'node', format: 'cjs', logLevel: 'warning' });
const loaded = { exports: {} };
new Function('module', 'exports', 'require', grammarModule.outputFiles[0].text)(loaded, loaded.exports, createRequire(import.meta.url));
writeFileSync('extension/syntaxes/nn.tmLanguage.json', loaded.exports.grammarText());

// The engine's WebAssembly SIMD kernels, assembled from their WAT generators: written to
// dist/kernels.wasm (read by unbundled code, e.g. the unit tests) and embedded in the Node bundles.
const kernels = await assembleKernels();
mkdirSync('dist', { recursive: true });
writeFileSync('dist/kernels.wasm', kernels);
const define = { NN_KERNELS_WASM: JSON.stringify(Buffer.from(kernels).toString('base64')) };

await Promise.all(entries
  .filter((e) => existsSync(e.entryPoints[0]))
  .map((e) => esbuild.build({ ...common, ...(e.platform === 'node' ? { define } : {}), ...e })));
if (existsSync('dist/cli.js')) chmodSync('dist/cli.js', 0o755);
