// A small argument reader shared by the subcommands: flags, flags with a value, and file operands.

export class UsageError extends Error {}

export interface ParsedArgs {
  files: string[];
  flags: Set<string>;
  values: Map<string, string>;
}

/**
 * `booleans` are flags such as `--json`; `valued` take the next argument (`--network NAME`) or
 * `--network=NAME`. Anything else starting with `--` is a usage error.
 */
export function parseArgs(argv: readonly string[], booleans: readonly string[], valued: readonly string[] = []): ParsedArgs {
  const out: ParsedArgs = { files: [], flags: new Set(), values: new Map() };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--') {
      out.files.push(...argv.slice(i + 1));
      break;
    }
    if (!arg.startsWith('--') || arg === '-') {
      out.files.push(arg);
      continue;
    }
    const [name, inline] = arg.includes('=') ? [arg.slice(0, arg.indexOf('=')), arg.slice(arg.indexOf('=') + 1)] : [arg, undefined];
    if (booleans.includes(name) && inline === undefined) {
      out.flags.add(name);
    } else if (valued.includes(name)) {
      const value = inline ?? argv[++i];
      if (value === undefined) throw new UsageError(`${name} needs a value`);
      out.values.set(name, value);
    } else {
      throw new UsageError(`unknown option ${arg}`);
    }
  }
  return out;
}
