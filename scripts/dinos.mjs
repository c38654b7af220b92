#!/usr/bin/env node
// Writes the character-level corpus for `text("dinos.txt", steps: T)` (spec §14): examples/dinos/dinos.txt,
// one dinosaur name per line, lowercase, '\n' after each. The names come from the `dinosaurs` npm
// package (1,324 names, licence WTFPL, which allows copying and shipping them; docs/sequences-data.md),
// a devDependency: the repository ships the file this writes, so a fresh clone and `npm start` need
// no script, and test/unit/data/dinos.test.ts checks the two never drift apart.
//
//   node scripts/dinos.mjs [--out FILE]

import * as fs from 'node:fs';
import * as path from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

const root = path.join(path.dirname(fileURLToPath(import.meta.url)), '..');
const at = process.argv.indexOf('--out');
const out = at > 0 ? process.argv[at + 1] : path.join(root, 'examples', 'dinos', 'dinos.txt');
const names = createRequire(import.meta.url)('dinosaurs');
fs.mkdirSync(path.dirname(out), { recursive: true });
fs.writeFileSync(out, names.map((name) => `${name}\n`).join(''));
console.log(`${names.length} names → ${out}`);
