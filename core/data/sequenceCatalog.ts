// The sequence generators of spec §14 (adding, reverse, dates), known without running them, as
// catalog.ts knows the vector ones: parameters with defaults and bounds, and the input and output
// they make, so the checker can hold them against `input sequence(…)`/`input tokens(…)` and the
// output layer. A separate list, because GENERATORS' features/classes describe vector data.

import type { GeneratorParam } from './catalog';
import type { SequenceInput, SequenceOutput } from './sequences';

export interface SequenceGeneratorInfo {
  name: string;
  doc: string;
  params: GeneratorParam[];
  input(args: Record<string, number>): SequenceInput;
  output(args: Record<string, number>): SequenceOutput;
}

const int = (name: string, def: number, min: number, doc: string): GeneratorParam => ({ name, default: def, integer: true, min, doc });

/** dates(…): 30 characters in, 30 out (the 10 of the ISO date, then padding); the vocabularies are in sequenceGenerators.ts. */
export const DATE_STEPS = 30;
export const DATE_IN_VOCAB = 41;
export const DATE_OUT_VOCAB = 12;

export const SEQUENCE_GENERATORS: readonly SequenceGeneratorInfo[] = [
  {
    name: 'adding',
    doc: 'The adding problem (Hochreiter & Schmidhuber 1997): x⟨t⟩ = (u_t, mark_t), u_t uniform in [0, 1), two marked steps (one in each half); y = the sum of the two marked u. 2 features per step, one linear output at the last step.',
    params: [int('m', 1000, 1, 'number of examples'), int('steps', 50, 2, 'T_x, the length of each sequence')],
    input: (a) => ({ kind: 'sequence', steps: a.steps ?? 50, features: 2 }),
    output: () => ({ kind: 'last', size: 1 }),
  },
  {
    name: 'reverse',
    doc: 'Random tokens 0…vocab−1 in, the same tokens reversed out, one class per step.',
    params: [int('m', 1000, 1, 'number of examples'), int('steps', 10, 1, 'T_x = T_y, the length of each sequence'), int('vocab', 10, 2, 'V, the number of distinct tokens')],
    input: (a) => ({ kind: 'tokens', steps: a.steps ?? 10, vocab: a.vocab ?? 10 }),
    output: (a) => ({ kind: 'classes', steps: a.steps ?? 10, classes: a.vocab ?? 10 }),
  },
  {
    name: 'dates',
    doc: `Course 5's date translation: a human-readable date ("3 may 1979", "tuesday, march 21 2000", "08/17/95", …) as ${DATE_STEPS} character tokens (vocabulary ${DATE_IN_VOCAB}), the ISO date "1979-05-03" as ${DATE_STEPS} tokens (vocabulary ${DATE_OUT_VOCAB}: the 10 characters, then padding).`,
    params: [int('m', 10000, 1, 'number of examples')],
    input: () => ({ kind: 'tokens', steps: DATE_STEPS, vocab: DATE_IN_VOCAB }),
    output: () => ({ kind: 'classes', steps: DATE_STEPS, classes: DATE_OUT_VOCAB }),
  },
];

export function findSequenceGenerator(name: string): SequenceGeneratorInfo | undefined {
  return SEQUENCE_GENERATORS.find((g) => g.name === name);
}
