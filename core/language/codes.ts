// The diagnostic catalogue: every code the checker can report, with its severity and a one-line
// summary. Codes are stable (docs/diagnostics.md#nn101 explains each); never renumber them.
// NN1xx syntax, NN2xx names and structure, NN3xx shapes, NN4xx training settings,
// NN5xx data and weights files, NN6xx warnings about training going wrong, NN7xx memory.

import type { Diagnostic, Fix, Range, Severity } from './api';

export interface CodeInfo {
  severity: Severity;
  summary: string;
}

export const CODES: Readonly<Record<string, CodeInfo>> = {
  NN101: { severity: 'error', summary: 'unexpected character' },
  NN102: { severity: 'error', summary: 'string not closed' },
  NN103: { severity: 'error', summary: 'malformed number' },
  NN104: { severity: 'error', summary: 'syntax error: something else was expected here' },
  NN105: { severity: 'error', summary: 'block not closed' },
  NN106: { severity: 'error', summary: '`}` without a block' },
  NN107: { severity: 'error', summary: 'statement outside a network block' },

  NN201: { severity: 'error', summary: 'unknown keyword or statement' },
  NN202: { severity: 'error', summary: 'unknown activation' },
  NN203: { severity: 'error', summary: 'unknown loss' },
  NN204: { severity: 'error', summary: 'unknown training setting' },
  NN205: { severity: 'error', summary: 'unknown data generator' },
  NN206: { severity: 'error', summary: 'unknown init method' },
  NN207: { severity: 'error', summary: 'bad arguments' },
  NN208: { severity: 'error', summary: 'unknown annotation name' },
  NN209: { severity: 'error', summary: 'unknown optimizer' },
  NN210: { severity: 'error', summary: 'missing input' },
  NN211: { severity: 'error', summary: 'input given twice' },
  NN212: { severity: 'error', summary: 'input after a layer' },
  NN213: { severity: 'error', summary: 'network with no layer' },
  NN214: { severity: 'error', summary: 'duplicate network name' },
  NN215: { severity: 'error', summary: 'size is not a positive integer' },
  NN216: { severity: 'error', summary: 'softmax in a hidden layer' },
  NN217: { severity: 'error', summary: 'softmax with one unit' },
  NN218: { severity: 'error', summary: 'loss does not fit the output activation' },
  NN219: { severity: 'error', summary: 'loss given twice' },
  NN220: { severity: 'error', summary: 'train block given twice' },
  NN221: { severity: 'warning', summary: 'file holds no network' },
  NN222: { severity: 'error', summary: 'unknown decay schedule' },
  NN223: { severity: 'error', summary: 'option of another layer statement' },
  NN224: { severity: 'error', summary: 'last layer is not dense' },
  NN225: { severity: 'error', summary: 'image input is not (n_H, n_W, n_C)' },
  NN226: { severity: 'error', summary: 'conv2d or pool without its window size f' },
  NN227: { severity: 'error', summary: 'unknown word on a layer line' },
  NN240: { severity: 'error', summary: 'unknown block' },
  NN241: { severity: 'error', summary: 'wrong number of block arguments' },
  NN242: { severity: 'error', summary: 'block uses itself' },
  NN243: { severity: 'error', summary: 'block name taken' },
  NN244: { severity: 'error', summary: 'shortcut or branch out of place' },
  NN245: { severity: 'error', summary: 'repeat makes too many layers' },
  NN246: { severity: 'error', summary: 'empty residual, concat or repeat' },
  NN247: { severity: 'error', summary: 'input, loss or train inside a group or block' },
  NN248: { severity: 'error', summary: 'block parameter named twice' },

  NN301: { severity: 'error', summary: 'annotated shape does not match' },
  NN302: { severity: 'error', summary: 'annotated column count is not the number of examples' },
  NN303: { severity: 'error', summary: 'annotation given twice' },
  NN304: { severity: 'error', summary: 'window larger than its input: output size below 1' },
  NN305: { severity: 'warning', summary: 'stride leaves rows or columns unused' },
  NN306: { severity: 'error', summary: '`pad: same` with an even f or a stride other than 1' },
  NN307: { severity: 'error', summary: 'dense layer on image volumes: flatten first' },
  NN308: { severity: 'error', summary: 'conv2d, pool or global_avg_pool on vectors' },
  NN309: { severity: 'error', summary: 'flatten on vectors' },
  NN310: { severity: 'error', summary: 'annotation of a matrix the layer does not have' },
  NN311: { severity: 'error', summary: 'recurrent layer or attention on vectors or a volume' },
  NN312: { severity: 'error', summary: 'embedding not right after a tokens input' },
  NN320: { severity: 'error', summary: 'residual body and shortcut differ in shape' },
  NN321: { severity: 'error', summary: 'concat branches differ in a dimension they are not joined along' },

  NN401: { severity: 'error', summary: 'learning rate out of range' },
  NN402: { severity: 'error', summary: 'iterations out of range' },
  NN403: { severity: 'error', summary: 'batch out of range' },
  NN404: { severity: 'error', summary: 'test fraction out of range' },
  NN405: { severity: 'error', summary: 'setting given twice' },
  NN406: { severity: 'error', summary: 'seed out of range' },
  NN407: { severity: 'error', summary: 'log_every out of range' },
  NN408: { severity: 'error', summary: 'wrong kind of value for a setting' },
  NN409: { severity: 'error', summary: 'generator argument out of range' },
  NN410: { severity: 'error', summary: 'init scale out of range' },
  NN411: { severity: 'error', summary: 'optimizer β out of range' },
  NN412: { severity: 'error', summary: 'optimizer ε out of range' },
  NN413: { severity: 'error', summary: 'l2 λ out of range' },
  NN414: { severity: 'error', summary: 'decay rate out of range' },
  NN415: { severity: 'error', summary: 'decay every out of range' },
  NN416: { severity: 'error', summary: 'keep_prob out of range' },
  NN417: { severity: 'error', summary: 'dropout on the output layer' },
  NN418: { severity: 'error', summary: 'f, stride or pad out of range' },
  NN419: { severity: 'error', summary: 'unknown value of a word option (norm, return)' },
  NN420: { severity: 'error', summary: 'batch norm over one value' },

  NN501: { severity: 'error', summary: 'file missing or unreadable' },
  NN502: { severity: 'error', summary: 'malformed CSV or non-numeric cell' },
  NN503: { severity: 'error', summary: 'CSV column count does not fit the network' },
  NN504: { severity: 'error', summary: 'labels do not fit the output layer' },
  NN505: { severity: 'error', summary: 'feature count is not n[0]' },
  NN506: { severity: 'error', summary: 'weights file is not valid' },
  NN507: { severity: 'error', summary: 'weights file misses a matrix' },
  NN508: { severity: 'error', summary: 'weights file has an extra key' },
  NN509: { severity: 'error', summary: 'weights matrix of the wrong shape' },
  NN510: { severity: 'error', summary: 'test fraction leaves no examples' },
  NN511: { severity: 'warning', summary: 'data or weights file outside the workspace' },
  NN512: { severity: 'error', summary: 'file outside an untrusted workspace is not read' },
  NN513: { severity: 'error', summary: 'image folder missing, empty or without class subfolders' },
  NN514: { severity: 'error', summary: 'image file unreadable: not PNG or JPEG, or damaged' },
  NN515: { severity: 'error', summary: 'image size or channels do not fit the input' },
  NN516: { severity: 'error', summary: 'image data on a vector input' },
  NN517: { severity: 'error', summary: 'image folders give 1 or 3 channels' },

  NN601: { severity: 'warning', summary: 'init zeros: symmetry is never broken' },
  NN602: { severity: 'warning', summary: 'sigmoid in a hidden layer' },
  NN603: { severity: 'warning', summary: 'random scale saturates sigmoid/tanh' },
  NN604: { severity: 'warning', summary: 'init is ignored because weights is given' },

  NN701: { severity: 'error', summary: 'training needs more memory than the limit' },
  NN702: { severity: 'warning', summary: 'training needs a lot of memory' },
};

export function diagnostic(code: string, range: Range, message: string, fixes?: Fix[]): Diagnostic {
  const d: Diagnostic = { code, severity: CODES[code].severity, message, range };
  if (fixes && fixes.length > 0) d.fixes = fixes;
  return d;
}
