// The model of an exported PyTorch script (spec §10, §12): the network's nn.Module and one nn.Module
// per group of its tree — a residual's body and shortcut, a concat's branches as methods — each
// holding its layers as attributes named after their kind and the course's l (`conv2d3`, groups
// after groups.ts: `residual2`). Inside, volumes are NCHW and vectors (m, n), one example per row.

import { DEFAULT_RANDOM_SCALE, networkBody, type NetworkNode, type NetworkSpec } from '../../foundation/model';
import { activationText, engineLayers, outputOf, parameterKey, type EngineLayer, type ParameterSpec } from '../../layers';
import { keepProbs } from '../../engine/dropout';
import { defaultInit } from '../../engine/init';
import { inputDims } from './batchFirst';
import { groupNames, layersIn, type GroupNode } from './groups';
import { activation, torchLayer } from './pytorchLayers';
import { pyNumber, pyString, pyValue } from './python';

/** A module being written: its __init__ lines and the path of its attributes from the network's. */
interface Module {
  init: string[];
  path: string;
}

const indent = (lines: readonly string[], by: string): string => lines.map((line) => `${by}${line}`).join('\n');

/** The model's classes, MODEL, the tables of its parameters and dropout, and output_activation. */
export function pytorchModel(spec: NetworkSpec, name: string): string {
  const layers = engineLayers(spec);
  const L = layers.length;
  const keep = keepProbs(spec.layers.map((layer) => ({ keepProb: 'keepProb' in layer ? layer.keepProb : undefined })));
  const names = groupNames(networkBody(spec));
  const groupClasses: string[] = []; // inner groups first, so each class is defined before it is used
  const parameters: Array<[number, string]> = [];
  const dropout: Array<[number, string]> = [];

  /** The forward() lines of `nodes` on A, their modules added to `module`. */
  const write = (nodes: readonly NetworkNode[], module: Module): string[] => {
    const lines: string[] = [];
    for (const node of nodes) {
      if (node.kind !== 'layer') {
        const attribute = names.get(node)!;
        module.init.push(`self.${attribute} = ${groupClass(node, attribute, `${module.path}${attribute}.`)}()`);
        lines.push(`A = self.${attribute}(A, masks)`);
        continue;
      }
      const s = layers[node.l - 1];
      const attribute = `${s.spec.kind.replace(/_/g, '')}${s.l}`;
      const layer = torchLayer(s, attribute, s.l === L);
      if (layer.module) module.init.push(`self.${attribute} = ${layer.module}`);
      lines.push(...layer.forward);
      for (const θ of s.engine.parameters) {
        const tensor = layer.parameters?.[θ.name] ?? DEFAULT_TENSORS[θ.name] ?? θ.name;
        const row = [pyString(parameterKey(θ.name, s.l)), pyString(`${module.path}${attribute}.${tensor}`), pyValue(θ.shape), initText(spec, s, θ), θ.fanIn ?? s.fanIn, pyValue(θ.regularized)];
        parameters.push([s.l, `(${row.join(', ')}),`]);
      }
      if (keep[s.l] < 1 && (s.output.kind === 'vector' || s.output.kind === 'sequence')) {
        // a sequence's mask is the editor's (T·n, m), time-major: as rows (m, T·n), reshaped to A's (m, T, n)
        const mask = s.output.kind === 'sequence' ? `masks[${s.l}].reshape(A.shape)` : `masks[${s.l}]`;
        lines.push(`if masks:`, `    A = A * ${mask} / ${pyNumber(keep[s.l])}  # inverted dropout, keep_prob ${pyNumber(keep[s.l])}`);
        dropout.push([s.l, `${s.l}: (${s.engine.features}, ${pyNumber(keep[s.l])}),`]);
      }
    }
    return lines;
  };

  /** A group's class, written into groupClasses; returns its name. */
  const groupClass = (group: GroupNode, attribute: string, path: string): string => {
    const cls = `${name}${attribute[0].toUpperCase()}${attribute.slice(1)}`;
    const module: Module = { init: [], path };
    const methods: string[] = [];
    /** The part's value: A itself when empty (the identity), its one line's expression, or a method's call. */
    const part = (method: string, nodes: readonly NetworkNode[]): string => {
      if (!nodes.length) return 'A';
      const lines = write(nodes, module);
      // a line with a comment stays a method: inlined, its comment would swallow the rest
      if (lines.length === 1 && lines[0].startsWith('A = ') && !lines[0].includes('#')) return lines[0].slice('A = '.length);
      methods.push(`    def ${method}(self, A, masks):\n${indent([...lines, 'return A'], '        ')}`);
      return `self.${method}(A, masks)`;
    };
    const l = layersIn([group]);
    const span = l.length === 0 ? 'no layers' : l.length === 1 ? `layer ${l[0]}` : `layers ${l[0]}–${l[l.length - 1]}`;
    let doc: string, result: string;
    if (group.kind === 'residual') {
      const sum = `${part('body', group.body)} + ${part('shortcut', group.shortcut)}`;
      const shortcut = group.shortcut.length ? 'shortcut(A)' : 'A';
      doc = `residual ${activationText(group.activation)}, ${span}: A = ${activation(group.activation, `body(A) + ${shortcut}`)}${shortcut === 'A' ? ' (an identity shortcut)' : ''}.`;
      result = activation(group.activation, sum);
    } else {
      const parts = group.branches.map((branch, k) => part(`branch${k + 1}`, branch));
      doc = `concat, ${span}: every branch reads A (an empty one is A); their outputs are joined along dim 1, channels of NCHW or units.`;
      result = `torch.cat([${parts.join(', ')}], dim=1)`;
    }
    groupClasses.push(`class ${cls}(nn.Module):
    """${doc}"""

    def __init__(self):
${indent(['super().__init__()', ...module.init], '        ')}

${methods.map((method) => `${method}\n\n`).join('')}    def forward(self, A, masks=None):
        return ${result}
`);
    return cls;
  };

  const outer = networkBody(spec);
  const end = outer[outer.length - 1];
  // forward() returns Z[L] for the loss to apply g[L]: a group around layer L would apply it first
  if (end?.kind !== 'layer' || end.l !== L) throw new Error(`network ${spec.name}: its output layer ${L} must be its last statement, outside any group`);
  const network: Module = { init: [], path: '' };
  const body = [inputLine(spec), ...write(outer, network)];
  const describe = ['input', ...outer.map((node) => (node.kind === 'layer' ? layers[node.l - 1].spec.kind : names.get(node)))].join(' → ');
  const byL = (rows: Array<[number, string]>) => rows.sort((a, b) => a[0] - b[0]).map(([, line]) => `    ${line}`).join('\n');
  return `
${groupClasses.map((c) => `${c}\n\n`).join('')}class ${name}(nn.Module):
    """${describe}. forward() takes X (m, n[0]), one example per row, and returns Z[L]."""

    def __init__(self):
        super().__init__()
${indent(network.init, '        ')}

    def forward(self, X, masks=None):
${indent(body, '        ')}


MODEL = ${name}

# every parameter in the order the editor initialises them: weights-file key, tensor (its path in the
# model), shape in the editor's layout, init rule, fan-in, and whether L2 regularizes it
PARAMETERS = [
${byL(parameters)}
]

# l: (rows of the editor's mask: n[l], T·n[l] for a sequence; keep_prob) of each layer with dropout
DROPOUT = {${dropout.length ? `\n${byL(dropout)}\n` : ''}}


def output_activation(Z):
    """A[L] = g[L](Z[L])."""
    return ${activation(outputOf(spec).activation, 'Z')}
`;
}

/**
 * forward()'s first line: X's rows (m, n[0]) as the first layer reads them. An image is made NCHW;
 * a sequence's time-major row (step 1's n values, then step 2's, …) is batch-first (m, T, n) as
 * nn.Linear, nn.RNN and nn.LSTM(batch_first=True) read it; token ids stay (m, T).
 */
function inputLine(spec: NetworkSpec): string {
  if (spec.image) return `A = X.reshape(-1, ${spec.image.n_H}, ${spec.image.n_W}, ${spec.image.n_C}).permute(0, 3, 1, 2)  # NCHW`;
  if (spec.sequence) return `A = X.reshape(len(X), ${inputDims(spec).join(', ')})  # batch-first (m, T_x, n_x)`;
  return spec.tokens ? 'A = X  # token ids (m, T_x)' : 'A = X';
}

/** Where nn.Linear and nn.Conv2d keep W[l] and b[l]. */
const DEFAULT_TENSORS: Readonly<Record<string, string>> = { W: 'weight', b: 'bias' };

/**
 * A parameter's init rule as the script's tuple, as the engine's initialize() reads it: zeros and
 * ones as such; weights by the network's `init`, else he or xavier by the layer's activation (a
 * kind's spec need not name one); embeddings by the network's `init`, else N(0, 1)·0.01.
 */
function initText(spec: NetworkSpec, layer: EngineLayer, θ: ParameterSpec): string {
  if (θ.init === 'zeros' || θ.init === 'ones') return `(${pyString(θ.init)},)`;
  const init = spec.train.init ?? (θ.init === 'small' ? { kind: 'random' as const, scale: DEFAULT_RANDOM_SCALE } : defaultInit(layer.engine));
  return init.kind === 'random' ? `("random", ${pyNumber(init.scale)})` : `(${pyString(init.kind)},)`;
}
