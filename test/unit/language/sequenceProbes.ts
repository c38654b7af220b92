// Two layer kinds registered at run time for the language's tests of spec §14 while the real
// sequence kinds (rnn, lstm, gru, embedding) are built on other branches: `steps N [ACT]` runs over
// a sequence as a recurrent layer would (`return: sequence | last`, `bidirectional`), `lookup N`
// takes token ids as embedding does. Only their shapes and forms are real; they never train or export.

import { features, registerKind, returnOf, sequence, vector, type LayerKind, type ReturnName, type Shape } from '../../../core/layers';
import { LINEAR } from '../../../core/layers/activations';
import { outputRows } from '../../../core/layers/describe';
import type { Activation } from '../../../core/foundation/model';

interface StepsSpec { kind: 'steps'; units: number; activation: Activation; return: ReturnName; bidirectional: boolean }
interface LookupSpec { kind: 'lookup'; units: number }

const never = (): never => { throw new Error('a probe kind of the language tests neither trains nor exports'); };

const common = {
  parameters: () => undefined,
  fanIn: () => 1,
  hasZ: false,
  // sizes only, for the checker's memory estimate; the passes are never run
  engine: (_spec: unknown, _input: Shape, output: Shape) => ({
    byRows: false, features: features(output), activation: LINEAR, keepProb: 1, parameters: [], hasZ: false,
    scratch: () => [], forward: never, backward: never,
  }),
  onnx: never,
  torch: never,
};

const steps: LayerKind<StepsSpec> = {
  ...common,
  kind: 'steps',
  syntax: 'steps N_a [ACT] [return: sequence | last] [bidirectional]',
  doc: 'A probe that runs over the steps of a sequence.',
  insert: 'steps ${1:8}',
  form: {
    count: { field: 'units', missing: 'the number of units after `steps`', what: (l) => `the number of units n[${l}]` },
    activation: { missing: () => 'an activation', default: 'tanh' },
    options: ['return'],
    flags: ['bidirectional'],
  },
  spec: ({ count, activation, options }) => ({ kind: 'steps', units: count!, activation, return: returnOf(options), bidirectional: options.bidirectional === 1 }),
  output: (spec, input) => {
    if (input.kind !== 'sequence') return { issues: [{ kind: 'needs-sequence', input }] };
    const n = spec.bidirectional ? 2 * spec.units : spec.units;
    return { output: spec.return === 'last' ? vector(n) : sequence(n, input.T), issues: [] };
  },
  describe: (spec, shapes) => ({ kind: spec.kind, summary: `${spec.units} units`, rows: [outputRows(shapes, false)], derivation: [], params: 0, fields: {} }),
};

const lookup: LayerKind<LookupSpec> = {
  ...common,
  kind: 'lookup',
  syntax: 'lookup N_e',
  doc: 'A probe that looks up token ids.',
  insert: 'lookup ${1:8}',
  form: { count: { field: 'units', missing: 'the size after `lookup`', what: (l) => `the size n[${l}]` }, options: [] },
  spec: ({ count }) => ({ kind: 'lookup', units: count! }),
  output: (spec, input) => (input.kind === 'tokens' ? { output: sequence(spec.units, input.T), issues: [] } : { issues: [{ kind: 'needs-tokens', input }] }),
  describe: (spec, shapes) => ({ kind: spec.kind, summary: `${spec.units}`, rows: [outputRows(shapes, false)], derivation: [], params: 0, fields: {} }),
};

registerKind(steps);
registerKind(lookup);
