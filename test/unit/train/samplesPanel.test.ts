// The panel's Samples section, its pure part: the entries the messages fold into (newest first, the
// last MAX_SAMPLE_ENTRIES, kept across a reload, cleared by a new run) and the command that prints
// an entry again.

import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { ViewMessage } from '../../../core/services/protocol';
import { initialState, MAX_SAMPLE_ENTRIES, reduce, restored, type ViewState } from '../../../webview/reducer';
import { sampleCommand } from '../../../webview/samples';

const samples = (iteration: number): ViewMessage => ({ type: 'samples', iteration, seed: 1 + iteration, length: 12, lines: [`name${iteration}`, 'x'] });
const fold = (...msgs: ViewMessage[]): ViewState => msgs.reduce(reduce, initialState);
const started: ViewMessage = { type: 'started', network: 'dinos', iterations: 1000, learningRate: 0.01, m: 100 };

test('entries arrive newest first, the last MAX_SAMPLE_ENTRIES kept, an iteration sampled again replaced', () => {
  const s = fold(started, ...Array.from({ length: MAX_SAMPLE_ENTRIES + 5 }, (_, k) => samples(k * 100)));
  assert.equal(s.samples!.length, MAX_SAMPLE_ENTRIES);
  assert.equal(s.samples![0].iteration, (MAX_SAMPLE_ENTRIES + 4) * 100);
  assert.deepEqual(s.samples![0], { iteration: 2400, seed: 2401, length: 12, lines: ['name2400', 'x'] });
  assert.equal(s.samples!.at(-1)!.iteration, 500);
  const again = reduce(s, { ...samples(2400), lines: ['other'] } as ViewMessage);
  assert.equal(again.samples!.length, MAX_SAMPLE_ENTRIES);
  assert.deepEqual(again.samples![0].lines, ['other']);
});

test('a reload keeps the entries; a new run (or a reset) starts them over', () => {
  const s = fold(started, samples(0), samples(100));
  const reloaded = restored(JSON.parse(JSON.stringify(s)) as ViewState);
  assert.deepEqual(reloaded.samples!.map((e) => e.iteration), [100, 0]);
  assert.equal(reduce(s, started).samples, undefined);
});

test('the command names the file, the network, the weights file Save weights proposes, the seed and the characters drawn', () => {
  const entry = { iteration: 300, seed: 301, length: 27, lines: ['a'] };
  // the weights where Save weights proposes them: NAME.weights.json beside the .nn file
  assert.equal(sampleCommand('examples/dinos/dinos.nn', 'dinos', entry), 'nn sample examples/dinos/dinos.nn --network dinos --weights examples/dinos/dinos.weights.json --seed 301 --length 27');
  assert.equal(sampleCommand('dinos.nn', 'dinos', entry), 'nn sample dinos.nn --network dinos --weights dinos.weights.json --seed 301 --length 27');
  // a path the shell would split or expand is quoted
  assert.equal(sampleCommand("my nets/it's.nn", 'dinos', entry), `nn sample 'my nets/it'\\''s.nn' --network dinos --weights 'my nets/dinos.weights.json' --seed 301 --length 27`);
});
