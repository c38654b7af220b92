// The `nn` command line (spec §7): dispatches to a subcommand module whose `run(argv)` resolves to
// the exit code. Usage mistakes print the usage and exit 1; no input ever ends in a stack trace.

import { version } from '../../../package.json';
import { printable } from '../../foundation/printable';
import { UsageError } from './args';
import { run as check, CHECK_USAGE } from './check';
import { run as exportNetwork, EXPORT_USAGE } from './export';
import { run as gradcheck, GRADCHECK_USAGE } from './gradcheck';
import { run as lsp, LSP_USAGE } from './lsp';
import { run as sample, SAMPLE_USAGE } from './sample';
import { run as shapes, SHAPES_USAGE } from './shapes';
import { run as train } from './train';

const TRAIN_USAGE = 'nn train FILE [--network NAME] [--iterations N] [--json] [--save-weights OUT.json]';

const USAGE = `NN Studio command line ${version}

usage:
  ${CHECK_USAGE}
      print each diagnostic as FILE:LINE:COL: SEVERITY CODE: MESSAGE (exit 1 if any error)
  ${SHAPES_USAGE}
      every layer's W, b, Z, A, dZ, dW, db shapes and parameter counts
  ${TRAIN_USAGE}
      train a network (exit 1 on errors, 2 on divergence)
  ${GRADCHECK_USAGE}
      compare backprop's gradient with (J(θ+ε) − J(θ−ε))/2ε on the initial weights (exit 1 on a bug)
  ${SAMPLE_USAGE}
      characters from a trained character model, drawn step by step from its softmax (seeded)
  ${LSP_USAGE}
      the language server for any editor: diagnostics, hover, completion, fixes (docs/editors.md)
  ${EXPORT_USAGE}
      write the network as a PyTorch training script or an ONNX model of its trained weights
  nn --help | nn --version
`;

const COMMANDS: Record<string, (argv: string[]) => Promise<number>> = { check, shapes, train, gradcheck, sample, lsp, export: exportNetwork };

export async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  if (command === '--help' || command === '-h' || command === 'help') {
    process.stdout.write(USAGE);
    return 0;
  }
  if (command === '--version' || command === '-v') {
    process.stdout.write(`${version}\n`);
    return 0;
  }
  const run = command === undefined ? undefined : COMMANDS[command];
  if (!run) {
    process.stderr.write(`${command === undefined ? 'nn: no command given' : printable(`nn: unknown command '${command}'`)}\n\n${USAGE}`);
    return 1;
  }
  if (rest.includes('--help') || rest.includes('-h')) {
    process.stdout.write(USAGE);
    return 0;
  }
  try {
    return await run(rest);
  } catch (e) {
    if (!(e instanceof UsageError)) throw e;
    process.stderr.write(`${printable(`nn ${command}: ${e.message}`)}\n\n${USAGE}`);
    return 1;
  }
}

if (require.main === module) {
  main(process.argv.slice(2)).then(
    (code) => { process.exitCode = code; },
    (e: unknown) => {
      // A bug, not bad input: say so in one line rather than with a stack trace.
      process.stderr.write(`${printable(`nn: internal error: ${e instanceof Error ? e.message : String(e)}`)}\n`);
      process.exitCode = 1;
    },
  );
}
