// Prints every hover and inlay hint the language server's providers give on examples/**/*.nn, so a
// refactoring of the providers can be checked byte for byte: run it before and after, then diff.
// Usage: npx tsc -p tsconfig.test.json && node scripts/providers-dump.mjs > before.txt

import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { TextDocument } from 'vscode-languageserver-textdocument';

const out = path.resolve('out/core/adapters/lsp');
const { Analyses } = await import(pathToFileURL(path.join(out, 'analyses.js')).href);
const { ShapeHoverProvider } = await import(pathToFileURL(path.join(out, 'hover.js')).href);
const { ShapeHintProvider } = await import(pathToFileURL(path.join(out, 'inlayHints.js')).href);
const { defaultReach } = await import(pathToFileURL(path.resolve('out/core/data/paths.js')).href);

/** Every .nn file under `dir`, sorted so two runs print in the same order. */
function nnFiles(dir) {
  return readdirSync(dir, { withFileTypes: true })
    .flatMap((e) => (e.isDirectory() ? nnFiles(path.join(dir, e.name)) : e.name.endsWith('.nn') ? [path.join(dir, e.name)] : []))
    .sort();
}

for (const file of nnFiles(path.resolve('examples'))) {
  const text = readFileSync(file, 'utf8');
  const doc = TextDocument.create(pathToFileURL(file).href, 'nn', 1, text);
  const analyses = new Analyses((f) => defaultReach(path.dirname(f)));
  const hover = new ShapeHoverProvider(analyses);
  const hints = new ShapeHintProvider(analyses);
  console.log(`=== ${path.relative(process.cwd(), file)}`);
  const lines = text.split('\n');
  let last;
  for (let line = 0; line < lines.length; line++) {
    for (let character = 0; character <= lines[line].length; character++) {
      const now = JSON.stringify(hover.provideHover(doc, { line, character }) ?? null);
      // one line per run of positions with the same hover
      if (now !== last) console.log(`hover ${line + 1}:${character + 1} ${now}`);
      last = now;
    }
  }
  const all = { start: { line: 0, character: 0 }, end: { line: lines.length, character: 0 } };
  for (const hint of hints.provideInlayHints(doc, all)) console.log(`hint ${JSON.stringify(hint)}`);
}
