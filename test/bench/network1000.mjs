// The benchmarks' big file: one network of `layers` dense layers (1,000 by default), every shape
// annotated, that checks clean. Shared by check.mjs (analyze alone) and lsp.mjs (through the server).

export function bigNetwork(layers = 1000) {
  const lines = ['# generated benchmark network', 'network big {', '  input 64'];
  for (let l = 1; l <= layers; l++) {
    const units = l === layers ? 1 : 16 + (l % 48);
    const previous = l === 1 ? 64 : 16 + ((l - 1) % 48);
    const act = l === layers ? 'sigmoid' : l % 2 ? 'relu' : 'tanh';
    lines.push(`  dense ${units} ${act}  W: (${units}, ${previous})  b: (${units}, 1)  Z: (${units}, m)   # layer ${l}`);
  }
  lines.push('  train {', '    data blobs(m: 500, classes: 2, features: 64)', '    learning_rate 0.01', '    iterations 100', '  }', '}', '');
  return lines;
}
