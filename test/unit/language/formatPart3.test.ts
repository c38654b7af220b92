// The formatter on Part III (spec §12–15): every construct — sequence and tokens inputs, embedding,
// rnn/lstm/gru with `return:` and `bidirectional`, self_attention with `heads:` and `causal`,
// positional_encoding, layer_norm, `clip`, the text/adding/reverse/dates data, blocks and their
// uses — formats to the canonical layout (a layer's optional settings `return:`, `norm:` and
// `keep_prob:` two spaces after its statement, as annotations are; `heads:` with the statement), idempotently (format twice = once), changing whitespace
// only and never the meaning; and every example file, in every folder, is already formatted.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { analyze, formatText } from '../../../core/language';
import { lex } from '../../../core/language/lexer';
import { ENCODER_BLOCK } from '../../../core/language/layerCompletion';
import { prng, ROOT } from './helpers';

/** Every .nn file under `dir`, in every subfolder. */
function nnFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    return e.isDirectory() ? nnFiles(p) : e.name.endsWith('.nn') ? [p] : [];
  });
}

const files = [...nnFiles(path.join(ROOT, 'examples')), ...nnFiles(path.join(ROOT, 'test', 'fixtures'))];

/** The canonical form of MESSY below; it opens with spec §15's encoder block (encoderCompletion.test.ts pins its text). */
const CANONICAL = `${ENCODER_BLOCK}

network chars {
  input tokens(steps: 25, vocab: 27)  # one-hot x⟨t⟩ (27, m)
  embedding 16
  lstm 64 bidirectional  return: sequence  # a⟨t⟩ (128, m, 25)
  gru 32
  rnn 8 relu  return: last
  dense 1 sigmoid
  train {
    data text("names.txt", steps: 25)
    clip 5
    optimizer adam
  }
}

network attend {
  input tokens(steps: 10, vocab: 3)
  embedding 8
  positional_encoding
  self_attention heads: 2 causal
  encoder(8, 2, 32)
  repeat 2 { encoder(8, 4, 16) }
  dense 3 softmax
  train {
    data reverse(m: 100, steps: 10, vocab: 3)
  }
}

network sums {
  input sequence(steps: 50, features: 2)
  lstm 16  return: last
  dense 1 linear
  train {
    data adding(m: 200, steps: 50)
  }
}

network dates {
  input tokens(steps: 30, vocab: 41)
  embedding 16
  positional_encoding
  encoder(16, 2, 64)
  dense 12 softmax
  train {
    data dates(m: 100)
  }
}
`;

/** CANONICAL with the spacing and indentation a hurried student types. */
const MESSY = CANONICAL
  .replace('residual linear { self_attention heads: h }', 'residual   linear {self_attention   heads:h}')
  .replace('  input tokens(steps: 25, vocab: 27)  #', '\tinput tokens( steps:25 ,vocab : 27 ) #')
  .replace('  lstm 64 bidirectional  return: sequence  #', '  lstm 64  bidirectional return:sequence #')
  .replace('  rnn 8 relu  return: last', '  rnn 8 relu return:   last')
  .replace('    data text("names.txt", steps: 25)', 'data   text( "names.txt",steps:25 )')
  .replace('    clip 5', '  clip     5')
  .replace('  self_attention heads: 2 causal', 'self_attention    heads :2   causal')
  .replace('  repeat 2 { encoder(8, 4, 16) }', '   repeat 2 {encoder( 8,4 ,16 )}')
  .replace('    data adding(m: 200, steps: 50)', '        data adding(m:200,steps:50)')
  .replace('    data dates(m: 100)', 'data dates( m:100 )')
  .replace('\n\nnetwork sums', '\n\n\n\nnetwork sums');

const meaning = (text: string) => {
  const a = analyze(text, { path: path.join(ROOT, 'examples', 'x.nn') });
  return { specs: a.networks.map((n) => n.spec), codes: a.diagnostics.map((d) => d.code) };
};

test('every example and fixture, in every folder, is already formatted', () => {
  assert.ok(files.some((f) => f.includes(`${path.sep}sequences${path.sep}`)), 'the sequence examples are among them');
  for (const f of files) assert.equal(formatText(readFileSync(f, 'utf8')), readFileSync(f, 'utf8'), f);
});

test('every Part III construct formats to the canonical layout, and that layout is a fixed point', () => {
  assert.notEqual(MESSY, CANONICAL);
  assert.equal(formatText(MESSY), CANONICAL);
  assert.equal(formatText(CANONICAL), CANONICAL);
});

test('formatting Part III changes whitespace only, and the networks and diagnostics stay the same', () => {
  const once = formatText(MESSY);
  assert.equal(once.replace(/\s+/g, ''), MESSY.replace(/\s+/g, ''));
  assert.deepEqual(meaning(once), meaning(MESSY));
  // the checker reads this file: only the missing text file is wrong with it
  assert.deepEqual(meaning(CANONICAL).codes, ['NN501']);
});

test('on token-shuffled Part III files (every sequence example and the snippet above) formatting is idempotent and keeps the meaning', () => {
  const sources = [CANONICAL, ...files.filter((f) => /input (sequence|tokens)/.test(readFileSync(f, 'utf8'))).map((f) => readFileSync(f, 'utf8'))];
  assert.ok(sources.length >= 3);
  const rand = prng(21);
  for (let n = 0; n < 60; n++) {
    const tokens = lex(sources[n % sources.length]).tokens.filter((t) => t.kind !== 'eof');
    const text = tokens.map((t) => (t.kind === 'newline' ? '\n' : t.text + ' '.repeat(1 + Math.floor(rand() * 3)))).join('');
    const once = formatText(text);
    assert.equal(formatText(once), once, `not idempotent on case ${n}`);
    assert.equal(once.replace(/\s+/g, ''), text.replace(/\s+/g, ''), `case ${n} lost text`);
    assert.deepEqual(meaning(once), meaning(text), `case ${n} changed meaning`);
  }
});
