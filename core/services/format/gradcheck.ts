// Words and a table for a gradient check's result (core/engine/gradcheck.ts): printed by
// `nn gradcheck`, and used by the editor's Check Gradients for its diagnostics and view, so both
// say the same thing. Rows and columns of entries count from 1, as the math writes W[l](i, j).

import { FINE, LOOK_CLOSER, type EntryCheck, type GradCheckResult, type ParameterCheck, type Verdict } from '../../engine/gradcheck';
import { thousands } from '../../foundation/numbers';
import { renderTable } from './table';

/** A difference as the course prints it: 3 significant digits, e notation. */
export function differenceText(d: number): string {
  return Number.isNaN(d) ? 'NaN' : d === 0 ? '0' : d.toExponential(2);
}

/** A parameter's difference, or that both gradients are 0 (within rounding), where the quotient means nothing. */
export function parameterDifferenceText(p: ParameterCheck): string {
  return p.vanishes ? 'both 0 (J ignores θ)' : differenceText(p.difference);
}

export const VERDICT_WORDS: Record<Verdict, string> = {
  fine: 'fine',
  closer: 'look closer',
  bug: 'bug',
};

/** What the verdict means, with the threshold it was measured against. */
export function verdictSentence(verdict: Verdict, difference: number): string {
  const d = differenceText(difference);
  if (verdict === 'fine') return `difference ${d} < ${FINE.toExponential(0)}: backprop's gradient is right`;
  if (verdict === 'closer') return `difference ${d} is between ${FINE.toExponential(0)} and ${LOOK_CLOSER.toExponential(0)}: look closer, backprop may have a bug`;
  return Number.isNaN(difference)
    ? 'the cost J is not finite at the initial weights, so no gradient could be checked'
    : `difference ${d} ≥ ${LOOK_CLOSER.toExponential(0)}: backprop's gradient is wrong (a bug)`;
}

export const parameterName = (p: { name: string; l: number }): string => `${p.name}[${p.l}]`;

export function entryName(e: EntryCheck): string {
  return `${parameterName(e)}(${e.at.map((i) => i + 1).join(', ')})`;
}

/** "17 of 17" or "19,824 of 245,760 (sampled)", and the entries at a kink. */
export function checkedText(p: ParameterCheck): string {
  const size = p.rows * p.cols;
  const text = `${thousands(p.checked)} of ${thousands(size)}`;
  return p.atKinks > 0 ? `${text} (${thousands(p.atKinks)} at a ReLU kink)` : text;
}

/** The settings and the whole outcome in one line. */
export function headline(r: GradCheckResult): string {
  const sample = r.sampled ? `a seeded sample of ${thousands(r.checked + r.atKinks)} of its ${thousands(r.parameters)} parameters` : `all ${thousands(r.parameters)} parameters`;
  const kinks = r.examplesAtKinks > 0 ? ` (${r.examplesAtKinks} more left out: a ReLU input is exactly 0 there)` : '';
  return `network ${r.network}: ${sample}, ${r.examples} example${r.examples === 1 ? '' : 's'}${kinks}, ε = ${r.epsilon.toExponential()}`;
}

/** The `nn gradcheck` report: headline, a row per W[l], b[l], the worst entries, the verdict. */
export function formatGradCheck(r: GradCheckResult): string {
  const rows = r.perParameter.map((p) => [parameterName(p), `(${p.shape.join(', ')})`, checkedText(p), parameterDifferenceText(p), VERDICT_WORDS[p.verdict]]);
  const table = renderTable(
    [{ title: 'θ' }, { title: 'shape' }, { title: 'entries checked', align: 'right' }, { title: 'difference', align: 'right' }, { title: 'verdict' }],
    rows,
    [`overall: ${thousands(r.checked)} entries, difference ${differenceText(r.difference)}   (‖g_approx − g‖₂ / (‖g_approx‖₂ + ‖g‖₂))`],
  );
  const worst = renderTable(
    [{ title: 'entry' }, { title: 'backprop dθ', align: 'right' }, { title: 'numerical', align: 'right' }, { title: '|difference|', align: 'right' }],
    r.worst.map((e) => [entryName(e), e.backprop.toExponential(6), e.numerical.toExponential(6), Math.abs(e.numerical - e.backprop).toExponential(2)]),
  );
  return `${headline(r)}\n\n${table}\n\nworst entries:\n${worst}\n\n${VERDICT_WORDS[r.verdict]}: ${verdictSentence(r.verdict, r.difference)}`;
}
