// The comparison panel's state as a pure function of the messages it received: one training view
// per run, each folded by the training panel's own reducer, so a run reads the same in both panels.
// No DOM here, so Node tests it; getState/setState keep it across a reload.

import type { CompareMessage } from '../../core/services/session/compare';
import type { ViewMessage } from '../../core/services/protocol';
import { formatNumber, formatPercent } from '../format';
import { initialState, reduce, restored, type ViewState } from '../reducer';

export interface RunView {
  name: string;
  label: string;
  view: ViewState;
}

export interface CompareState {
  /** the .nn file: its URI (a reloaded panel trains it again) and its name relative to the workspace */
  uri?: string;
  file?: string;
  runs: RunView[];
  /** the cost axis is logarithmic */
  logScale?: boolean;
  /** about the whole comparison (a reload stopped it) */
  notice?: string;
}

export const initialCompare: CompareState = { runs: [] };

export function reduceCompare(s: CompareState, msg: CompareMessage): CompareState {
  if (msg.type === 'runs') return { ...s, notice: undefined, uri: msg.uri, file: msg.file, runs: msg.runs.map(({ name, label }) => ({ name, label, view: initialState })) };
  const run = s.runs[msg.run];
  if (!run) return s; // an index the panel never heard of: nothing to draw it in
  const runs = [...s.runs];
  runs[msg.run] = { ...run, view: reduce(run.view, msg.report as ViewMessage) };
  return { ...s, runs };
}

/** The state a reload restores: the workers are gone, so runs still going show as stopped. */
export function restoredCompare(saved: CompareState | undefined): CompareState {
  if (!saved || !Array.isArray(saved.runs)) return initialCompare;
  const live = saved.runs.some((r) => r.view.state === 'running' || r.view.state === 'paused');
  return {
    ...saved,
    // Each run stops as the training panel's would, but the reload is said once, for all of them.
    runs: saved.runs.map((r) => ({ ...r, view: { ...restored(r.view), notice: r.view.notice } })),
    notice: live ? 'The panel was reloaded: training stopped. Press Train all to start again.' : saved.notice,
  };
}

/** `planar — α 1.2 · full batch · gd`: what the legend and the table call a run. */
export function runTitle(run: Pick<RunView, 'name' | 'label'>): string {
  return `${run.name} — ${run.label}`;
}

const STATE_TEXT: Record<string, string> = { running: 'training', paused: 'paused', stopped: 'stopped', done: 'done', failed: 'failed' };

/** One row of text per run: its name and settings, where it is, and its figures (table.ts lays them out). */
export function tableRows(s: CompareState): string[][] {
  return s.runs.map(({ name, label, view: v }) => [
    name,
    label,
    v.state ? STATE_TEXT[v.state] : 'starting',
    `${v.iteration} / ${v.iterations || '–'}`,
    formatNumber(v.done?.cost ?? v.cost),
    formatPercent(v.trainAccuracy),
    formatPercent(v.testAccuracy),
    v.seconds > 0 ? v.seconds.toFixed(1) : '–',
  ]);
}

/** Errors and warnings of the runs, each prefixed with its network's name. */
export function runNotes(s: CompareState): Array<{ kind: 'error' | 'notice'; text: string }> {
  return s.runs.flatMap(({ name, view: v }) => [
    ...(v.error ? [{ kind: 'error' as const, text: `${name}: ${v.error.message}` }] : []),
    ...(v.notice ? [{ kind: 'notice' as const, text: `${name}: ${v.notice}` }] : []),
  ]);
}

type XY = { x: number; y: number };

/** What the charts draw of one run: its cost (finite points only) and its accuracies in %. */
export function runSeries(v: ViewState): { cost: XY[]; train: XY[]; test: XY[] } {
  return {
    // null (a non-finite cost after JSON) is left out: a diverged run keeps its last finite curve.
    cost: v.costs.filter((p) => typeof p[1] === 'number' && Number.isFinite(p[1])).map(([x, y]) => ({ x, y: y as number })),
    train: v.accuracy.filter((a) => a[1] !== null).map(([x, y]) => ({ x, y: 100 * y! })),
    test: v.accuracy.filter((a) => a[2] !== null).map(([x, , y]) => ({ x, y: 100 * y! })),
  };
}

/** What the charts draw of every run: its title and series, and its place in the legend (its colour). */
export type RunLines = ReturnType<typeof runSeries> & { title: string; run: number };

/** Every run's lines, in the order of the runs (run i keeps colour i on both charts). */
export function compareLines(s: CompareState): RunLines[] {
  return s.runs.map((r, run) => ({ title: runTitle(r), run, ...runSeries(r.view) }));
}

/**
 * The runs the accuracy chart draws: those that measured an accuracy. A regression run (mse) never
 * does, so a comparison of regression networks has no accuracy chart at all (empty: hide it), and a
 * mixed one has only its classifiers there.
 */
export function accuracyLines(lines: readonly RunLines[]): RunLines[] {
  return lines.filter((r) => r.train.length > 0 || r.test.length > 0);
}
