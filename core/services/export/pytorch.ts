// `nn export --to pytorch` (spec §10): one self-contained Python file that trains the network as
// the editor does — same layers, initial weights, data, loss, optimizer, L2, decay, dropout,
// iterations and log_every — so in float64 its recorded costs and final weights equal `nn train`'s.
// This module writes the settings; pytorchModel.ts the model's classes and its layer tables; the
// rest is pytorchRuntime.ts.

import type { NetworkSpec } from '../../foundation/model';
import { outputOf } from '../../layers';
import { activationKind } from '../../layers/activations';
import { lossKind } from '../../layers/losses';
import { DEFAULT_OPTIMIZER, optimizerKind } from '../../layers/optimizers';
import { pytorchModel } from './pytorchModel';
import { PYTHON_MAIN, PYTHON_PRELUDE, PYTHON_RUNTIME } from './pytorchRuntime';
import { className, pyEscaped, pyNumber, pyString, pyValue } from './python';

/** Where the script finds its files: paths relative to the script's folder, '/'-separated. */
export interface ScriptFiles {
  /** the training CSV (a generator's data is written beside the script) */
  data: string;
  /** a test CSV, or `test FRACTION` */
  test?: string | number;
  /** the initial weights file, when there is one */
  weights?: string;
  /** the .nn file's name, for the docstring */
  source: string;
  /** the script's own file name, for the usage lines */
  script: string;
}

export function pytorchScript(spec: NetworkSpec, files: ScriptFiles): string {
  const name = className(spec.name);
  return [header(spec, name, files), PYTHON_PRELUDE, settings(spec, files), pytorchModel(spec, name), lossAndUpdate(spec), PYTHON_RUNTIME, PYTHON_MAIN].join('\n');
}

/**
 * The docstring. Names from outside (the .nn file's, the script's, in usage lines a reader may paste
 * into a shell) are escaped for it: no name can end the docstring and run as code.
 */
function header(spec: NetworkSpec, name: string, files: ScriptFiles): string {
  const s = pyEscaped(shellWord(files.script));
  const saved = pyEscaped(shellWord(`${files.script.replace(/\.py$/, '')}.pt`));
  return `#!/usr/bin/env python3
"""Network ${pyEscaped(spec.name)} of ${pyEscaped(files.source)}, exported by NN Studio (nn export --to pytorch) as ${name}.

It trains as \`nn train\` does: the same layers, initial weights, data, loss, optimizer, L2, decay,
dropout, iterations and log_every; in float64 its recorded costs and final weights equal the
editor's. Needs Python >= 3.9, torch >= 1.13 and numpy.

  python ${s}                          # CPU, float64; prints the costs as \`nn train --json\` does
  python ${s} --device cuda --float32 --save ${saved}
  torchrun --nproc_per_node 8 ${s}     # DistributedDataParallel: an equal shard of every batch per process
  torchrun --redirects 1 --tee 1 --nproc_per_node 2 ${s}   # Debian's torchrun under Python 3.11
  python ${s} --spawn 2                # the same without torchrun (torch.multiprocessing.spawn)
"""
`;
}

/** A file name as one word of a POSIX shell command: as it is when plain, else in single quotes. */
function shellWord(file: string): string {
  return /^[\w.,+@%\/-]+$/.test(file) ? file : `'${file.replace(/'/g, `'\\''`)}'`;
}

function settings(spec: NetworkSpec, files: ScriptFiles): string {
  const t = spec.train;
  const out = outputOf(spec);
  const optimizer = t.optimizer ?? DEFAULT_OPTIMIZER;
  const { kind, ...hyper } = optimizer;
  const hyperText = Object.entries(hyper).map(([k, v]) => `${pyString(k)}: ${pyNumber(v as number)}`).join(', ');
  const test = files.test === undefined ? 'None' : typeof files.test === 'number' ? pyNumber(files.test) + (Number.isInteger(files.test) ? '.0' : '') : pyString(files.test);
  return `
# ---- network ${pyEscaped(spec.name)}: the settings of its train { … } block -----------------------------------
NETWORK = ${pyString(spec.name)}
N0 = ${spec.inputSize}  # n[0]: features per example${spec.image ? ' (n_H·n_W·n_C, in (h, w, c) order)' : ''}
IMAGE = ${spec.image ? pyValue([spec.image.n_H, spec.image.n_W, spec.image.n_C]) : 'None'}  # (n_H, n_W, n_C) of an image input
OUTPUT_UNITS = ${out.units}
SOFTMAX = ${pyValue(activationKind(out.activation).labels === 'class')}  # labels are class indices, made one-hot
LOSS = ${pyString(spec.loss)}
DATA = ${pyString(files.data)}  # relative to this file
TEST = ${test}  # a CSV, a held-out fraction, or None
WEIGHTS = ${files.weights === undefined ? 'None' : pyString(files.weights)}  # initial weights; None: drawn from SEED as the editor does
LEARNING_RATE = ${pyNumber(t.learningRate)}
ITERATIONS = ${t.iterations}
BATCH = ${t.batch === 'full' ? 'None' : t.batch}  # None: the whole training set every step
SEED = ${t.seed}
LOG_EVERY = ${t.logEvery}
OPTIMIZER = (${pyString(kind)}, {${hyperText}})
L2 = ${pyNumber(t.l2 ?? 0)}  # λ
DECAY = ${t.decay ? `(${pyString(t.decay.kind)}, ${pyNumber(t.decay.rate)}, ${t.decay.every})` : 'None'}  # (kind, rate, every)
CLIP = ${t.clip === undefined ? 'None' : pyNumber(t.clip)}  # clip C: every gradient entry to [-C, C] before the update; None: no clip
`;
}

/** The loss's and the optimizer's pieces, as their records write them (core/layers/losses/, core/layers/optimizers/). */
function lossAndUpdate(spec: NetworkSpec): string {
  const loss = lossKind(spec.loss).torch;
  const update = optimizerKind((spec.train.optimizer ?? DEFAULT_OPTIMIZER).kind).torch;
  const accuracy = loss.accuracy === undefined ? 'share_right = None  # the outputs are no classes' : `def share_right(A, Y):
    """The share of examples classified right (spec §5), from A[L] and Y."""
    return ${loss.accuracy}`;
  return `
def loss_sum(Z, Y):
    """The loss of spec §5 (LOSS) summed over the examples (not yet divided by m), computed from Z[L]."""
    return ${loss.sum}


${accuracy}


def course_update(theta, d, state, group, lr, t):
    """θ's update by OPTIMIZER (spec §9), from its gradient d at update t."""
${update.map((line) => `    ${line}`).join('\n')}
`;
}

