// Spec §14 in the checker: `input sequence(steps: T, features: n)` and `input tokens(steps: T,
// vocab: V)` as A[0]'s shape, each mistake (an unknown form or argument, one missing, given twice
// or positional, a size that is no positive integer) reported on the part it is about.

import { sequence, tokens, type Shape } from '../layers';
import type { CallValue } from './ast';
import { INPUT_FORM_DOCS, INPUT_FORM_NAMES, type InputFormDoc } from './catalog';
import { reportUnknown, type CheckContext } from './context';

/** A[0] of a sequence or tokens input; undefined when anything in it is wrong (reported). */
export function sequenceInput(ctx: CheckContext, call: CallValue): Shape | undefined {
  const form = INPUT_FORM_DOCS.find((d) => d.name === call.name);
  if (!form) {
    reportUnknown(ctx, 'NN201', 'input form', call.name, call.nameRange, INPUT_FORM_NAMES);
    return undefined;
  }
  const sizes = readSizes(ctx, call, form);
  if (!sizes) return undefined;
  return form.name === 'sequence' ? sequence(sizes.features, sizes.steps) : tokens(sizes.steps, sizes.vocab);
}

/** Each argument of the form by name, as a positive integer; undefined when one is wrong or missing. */
function readSizes(ctx: CheckContext, call: CallValue, form: InputFormDoc): Record<string, number> | undefined {
  const names = form.params.map((p) => p.name);
  const example = `input ${form.syntax.slice('input '.length)}`;
  const sizes: Record<string, number> = {};
  const seen = new Set<string>();
  let ok = true;
  for (const arg of call.args ?? []) {
    if (!arg.name || !arg.nameRange) {
      ctx.report('NN207', arg.range, `the arguments of \`${form.name}(…)\` are named: \`${example}\``);
      ok = false;
      continue;
    }
    if (!names.includes(arg.name)) {
      reportUnknown(ctx, 'NN207', `argument of \`${form.name}(…)\``, arg.name, arg.nameRange, names);
      ok = false;
      continue;
    }
    if (seen.has(arg.name)) {
      ctx.report('NN207', arg.range, `\`${arg.name}\` is already given in \`${form.name}(…)\``);
      ok = false;
      continue;
    }
    seen.add(arg.name);
    const v = arg.value;
    if (v && v.integer && Number.isSafeInteger(v.value) && v.value >= 1) {
      sizes[arg.name] = v.value;
    } else {
      const param = form.params.find((p) => p.name === arg.name)!;
      ctx.report('NN215', v?.range ?? arg.range, `${arg.name} (${param.symbol}), ${param.doc}, must be a positive integer, not ${v?.text ?? 'nothing'}`);
      ok = false;
    }
  }
  const missing = form.params.filter((p) => !(call.args ?? []).some((a) => a.name === p.name));
  // a misspelt or unnamed argument (reported) most likely is the missing one: no second diagnostic
  const misnamed = (call.args ?? []).some((a) => !a.name || !names.includes(a.name));
  if (missing.length > 0 && !misnamed) {
    const what = missing.map((p) => `\`${p.name}: ${p.symbol}\` (${p.doc})`).join(' and ');
    ctx.report('NN207', call.args ? call.argsRange ?? call.range : call.range, `\`${form.name}(…)\` needs ${what}: \`${example}\``);
    return undefined;
  }
  return ok ? sizes : undefined;
}
