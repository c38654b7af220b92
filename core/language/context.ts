// What every check needs: a way to report, and how to reach referenced files.

import type { Annotation, Argument, CallValue, NumberValue } from './ast';
import { ANNOTATION_NAMES } from './catalog';
import { diagnostic } from './codes';
import type { Diagnostic, FileAccess, Fix, Range, TextEdit } from './api';
import { suggest } from './suggest';

export interface CheckContext {
  report(code: string, range: Range, message: string, fixes?: Fix[]): void;
  files: FileAccess | null;
  /** resolves a path written in the file to an absolute one */
  resolve(path: string): string;
}

/** A context that collects into `out`; `errors()` counts the errors reported through it. */
export function collector(out: Diagnostic[], files: FileAccess | null, resolve: (p: string) => string) {
  let errors = 0;
  const ctx: CheckContext = {
    report(code, range, message, fixes) {
      const d = diagnostic(code, range, message, fixes);
      if (d.severity === 'error') errors++;
      out.push(d);
    },
    files,
    resolve,
  };
  return { ctx, errors: () => errors };
}

export function replaceFix(title: string, range: Range, newText: string, preferred = true): Fix {
  const edit: TextEdit = { range, newText };
  return { title, edits: [edit], preferred };
}

/** Reports an unknown name with a "did you mean" and a fix to the suggestion. */
export function reportUnknown(ctx: CheckContext, code: string, what: string, name: string, range: Range, known: readonly string[]): void {
  const s = suggest(name, known);
  const list = known.length <= 8 ? ` (one of ${known.join(', ')})` : '';
  const message = s ? `unknown ${what} \`${name}\`; did you mean \`${s}\`?` : `unknown ${what} \`${name}\`${list}`;
  ctx.report(code, range, message, s ? [replaceFix(`Change to \`${s}\``, range, s)] : undefined);
}

/**
 * The optional single number argument of `leaky_relu(SLOPE)` or `random(SCALE)`, positional or
 * named. Returns undefined when absent or bad (bad ones are reported).
 */
export function singleNumberArg(ctx: CheckContext, call: CallValue, param: string): number | undefined {
  const args = call.args ?? [];
  if (args.length === 0) return undefined;
  const [first, ...extra] = args;
  if (extra.length > 0) {
    ctx.report('NN207', extra[0].range, `\`${call.name}\` takes one argument, ${param.toUpperCase()}`);
    return undefined;
  }
  if (first.text) {
    ctx.report('NN207', first.range, `\`${call.name}\` takes a number, ${param.toUpperCase()}, not a string`);
    return undefined;
  }
  if (!argNamed(first, param)) {
    ctx.report('NN207', first.nameRange ?? first.range, `\`${call.name}\` has no argument \`${first.name}\`; write \`${call.name}(${param.toUpperCase()})\``);
    return undefined;
  }
  return first.value?.value;
}

function argNamed(arg: Argument, param: string): boolean {
  return arg.name === undefined || arg.name === param;
}

/** `NAME` must be written without arguments. */
export function noArgs(ctx: CheckContext, call: CallValue, what: string): void {
  if (call.args !== undefined) ctx.report('NN207', call.argsRange ?? call.range, `${what} \`${call.name}\` takes no arguments`);
}

/**
 * The arguments of a call whose arguments are all named (generators, optimizers, decays), by name;
 * `params` is not empty (a call that takes none is checked by noArgs).
 * A positional, unknown or repeated argument is reported (NN207), each on its own range, and `ok`
 * is then false; the good ones are still returned, so their values are checked too.
 */
export function namedArgs(ctx: CheckContext, call: CallValue, params: readonly { name: string; default?: number }[]): { args: Map<string, NumberValue>; ok: boolean } {
  const names = params.map((p) => p.name);
  const args = new Map<string, NumberValue>();
  let ok = true;
  for (const a of call.args ?? []) {
    if (a.name === undefined) {
      const example = `${params[0].name}: ${a.value?.text ?? params[0].default}`;
      ctx.report('NN207', a.range, `the arguments of ${call.name} are named: write e.g. \`${example}\` (${names.join(', ')})`);
      ok = false;
    } else if (!names.includes(a.name)) {
      reportUnknown(ctx, 'NN207', `${call.name} argument`, a.name, a.nameRange!, names);
      ok = false;
    } else if (args.has(a.name)) {
      ctx.report('NN207', a.nameRange!, `\`${a.name}\` is given twice`);
      ok = false;
    } else if (a.value) {
      args.set(a.name, a.value);
    }
  }
  return { args, ok };
}

/**
 * The annotations of a layer line that name a matrix, each once: an unknown name is NN208 and a
 * repeated one NN303 (dense and image layers alike), and neither is checked further.
 */
export function distinctAnnotations<A extends Pick<Annotation, 'name' | 'nameRange' | 'range'>>(ctx: CheckContext, annotations: readonly A[]): A[] {
  const seen = new Set<string>();
  return annotations.filter((a) => {
    if (!ANNOTATION_NAMES.includes(a.name)) {
      reportUnknown(ctx, 'NN208', 'matrix', a.name, a.nameRange, ANNOTATION_NAMES);
      return false;
    }
    if (seen.has(a.name)) {
      ctx.report('NN303', a.range, `${a.name} is already annotated on this layer`);
      return false;
    }
    seen.add(a.name);
    return true;
  });
}
