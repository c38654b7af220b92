// A small character model on a made-up name list (7 characters with the line break), written to a
// folder with its text, for the tests of sampling: the panel's lines, `nn sample`, "NN: Sample".

import { writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** Writes `names.txt` and `names.nn` (an rnn on its characters, `train` the settings after its data) to `dir`; returns the .nn file's path. */
export function writeNamesModel(dir: string, train: string): string {
  writeFileSync(join(dir, 'names.txt'), 'abe\nbead\ndab\nace\ncab\nbed\nfade\n'.repeat(20));
  const file = join(dir, 'names.nn');
  writeFileSync(file, `network names {
  input tokens(steps: 8, vocab: 7)
  embedding 8
  rnn 16
  dense 7 softmax
  train {
    data text("names.txt", steps: 8)
    optimizer adam
    learning_rate 0.02
${train.trim().split('\n').map((line) => `    ${line.trim()}`).join('\n')}
  }
}
`);
  return file;
}
