// The status line and the final numbers. `#summary` carries data-state, data-iteration, data-run
// (runs started in the panel) and, once known, data-train-accuracy / data-test-accuracy,
// data-train-exact / data-test-exact (a per-step output's exact sequences) and
// data-accuracy-iteration (UI tests read them); `#error` shows what went wrong.

import { formatNumber, formatPercent } from './format';
import type { ViewState } from './reducer';

const STATE_TEXT: Record<string, string> = { running: 'Training', paused: 'Paused', stopped: 'Stopped', done: 'Done', failed: 'Failed' };

export function renderSummary(s: ViewState, summary: HTMLElement, error: HTMLElement, notice: HTMLElement): void {
  summary.dataset.state = s.state ?? 'idle';
  summary.dataset.iteration = String(s.iteration);
  summary.dataset.run = String(s.runs ?? 0);
  setData(summary, 'trainAccuracy', s.trainAccuracy);
  setData(summary, 'testAccuracy', s.testAccuracy);
  setData(summary, 'accuracyIteration', s.accuracyIteration);
  setData(summary, 'trainExact', s.trainExact);
  setData(summary, 'testExact', s.testExact);
  const parts = [
    s.state ? STATE_TEXT[s.state] : 'Ready',
    `iteration ${s.iteration} / ${s.iterations || '–'}`,
    `α = ${formatNumber(s.learningRate)}`,
    `cost J = ${formatNumber(s.cost)}`,
    `train accuracy ${formatPercent(s.trainAccuracy)}${exact(s.trainExact)}`,
  ];
  if (s.testAccuracy !== undefined) parts.push(`test accuracy ${formatPercent(s.testAccuracy)}${exact(s.testExact)}`);
  // A full pass over a big set is measured less often than the cost: an older figure says how old.
  const measured = s.trainAccuracy === undefined ? undefined : s.accuracyIteration;
  if (measured !== undefined && measured !== s.iteration) parts[parts.length - 1] += ` (measured at iteration ${measured})`;
  if (s.seconds > 0) parts.push(`${s.seconds.toFixed(1)} s`);
  summary.textContent = parts.join(' · ');
  error.hidden = !s.error;
  error.textContent = s.error ? s.error.message : '';
  notice.hidden = !s.notice;
  notice.textContent = s.notice ?? '';
}

/** Beside a per-step output's accuracy: what it counts, and the share of exact sequences (a whole date right). */
function exact(share: number | undefined): string {
  return share === undefined ? '' : ` per step, exact sequences ${formatPercent(share)}`;
}

function setData(el: HTMLElement, key: string, v: number | undefined): void {
  if (v === undefined) delete el.dataset[key];
  else el.dataset[key] = String(v);
}
