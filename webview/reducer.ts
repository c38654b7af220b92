// The panel's state as a pure function of the messages it received: everything the view draws,
// and everything getState/setState keeps across a reload. No DOM here, so Node tests it.

import type { DiagramData } from '../core/services/format/shapesJson';
import type { BoundaryGrid, ConvSnapshot, CostPoint, ImageGrid, LayerShapes, LayerStat, HeatMap, NormSnapshot, Plain, Points, RunState, SeriesUpdate, ViewMessage } from '../core/services/protocol';

/** Accuracy samples kept for the chart; older ones are thinned (every other dropped) past this. */
export const MAX_ACCURACY_POINTS = 1000;

export interface ViewState {
  network?: { name: string; uri: string; file: string; m?: number; layers: LayerShapes[]; diagram?: DiagramData };
  /** the Diagram section is folded */
  diagramFolded?: boolean;
  /**
   * undefined: ready — not started yet, reset (paused before its first step: nothing to stop or
   * pause), or the worker was lost in a reload
   */
  state?: RunState;
  iteration: number;
  iterations: number;
  learningRate?: number;
  /** null: not finite (JSON's NaN and ±∞) */
  cost?: number | null;
  /**
   * the cost chart's series, [iteration, cost, least, greatest] (least/greatest null when unknown):
   * every iteration while the run is short, then envelopes; bounded by the worker (CHART_POINTS)
   */
  costs: Array<Plain<CostPoint>>;
  /** [iteration, train accuracy, test accuracy] */
  accuracy: Array<[number, number | null, number | null]>;
  trainAccuracy?: number;
  testAccuracy?: number;
  /** with a per-step output, the shares of exact sequences, measured with the accuracies */
  trainExact?: number;
  testExact?: number;
  /** the iteration trainAccuracy and testAccuracy were measured at */
  accuracyIteration?: number;
  seconds: number;
  stats: LayerStat[];
  heatMaps?: { W: Plain<HeatMap>[]; shapes: Array<[number, number]> };
  /** the latest snapshot's γ[l], β[l] and running statistics of the normalized layers */
  norms?: Plain<NormSnapshot>[];
  points?: Plain<Points>;
  grid?: Plain<BoundaryGrid>;
  /** an image input's grid of examples (from `started`; their predictions come with `conv`) */
  images?: Plain<ImageGrid>;
  /** the latest snapshot's filters, feature maps of the chosen example and the grid's predictions */
  conv?: Plain<ConvSnapshot> & { iteration: number };
  done?: { reason: 'completed' | 'stopped'; iteration: number; cost?: number; trainAccuracy?: number; testAccuracy?: number; trainExact?: number; testExact?: number; seconds: number };
  error?: { kind: string; message: string; iteration?: number };
  notice?: string;
  /** the cost axis is logarithmic */
  logScale?: boolean;
  /** slow motion: iterations a second (0 or undefined: full speed) */
  speed?: number;
  /** runs started in this panel (a Reset starts one): tells a new run from the one that ended before it */
  runs?: number;
}

export const initialState: ViewState = { iteration: 0, iterations: 0, costs: [], accuracy: [], seconds: 0, stats: [] };

export function reduce(s: ViewState, msg: ViewMessage): ViewState {
  switch (msg.type) {
    case 'network':
      return { ...s, network: { name: msg.name, uri: msg.uri, file: msg.file, m: msg.m, layers: msg.layers, diagram: msg.diagram } };
    case 'notice':
      return { ...s, notice: msg.text };
    case 'started':
      // A fresh run (or a reset): the history starts over; the network's shapes stay.
      return {
        ...initialState,
        network: s.network,
        logScale: s.logScale,
        speed: s.speed,
        runs: (s.runs ?? 0) + 1,
        iterations: msg.iterations,
        learningRate: msg.learningRate,
        points: msg.points,
        images: msg.images,
      };
    case 'progress': {
      // Drawn at the iteration it was measured at, not at the one the report came with.
      const at = msg.accuracyIteration ?? msg.iteration;
      const accuracy = msg.trainAccuracy === undefined && msg.testAccuracy === undefined ? s.accuracy : addAccuracy(s.accuracy, [at, msg.trainAccuracy ?? null, msg.testAccuracy ?? null]);
      return {
        ...s,
        // A run paused before its first step (Reset, or started paused) is ready to start, not paused.
        state: msg.state === 'paused' && msg.iteration === 0 ? undefined : msg.state,
        iteration: msg.iteration,
        iterations: msg.iterations,
        learningRate: msg.learningRate,
        cost: msg.cost,
        costs: msg.chart.points.length || msg.chart.from < s.costs.length ? applySeries(s.costs, msg.chart) : s.costs,
        accuracy,
        trainAccuracy: msg.trainAccuracy,
        testAccuracy: msg.testAccuracy,
        trainExact: msg.trainExact,
        testExact: msg.testExact,
        accuracyIteration: at,
        stats: msg.layers,
        seconds: msg.seconds,
        // The cost oscillates or rises: say so, with its hint, where notes are shown.
        notice: msg.warning,
      };
    }
    case 'snapshot':
      return { ...s, heatMaps: { W: msg.W, shapes: msg.shapes }, norms: msg.norms, conv: msg.conv && { ...msg.conv, iteration: msg.iteration } };
    case 'boundary':
      return { ...s, grid: msg.grid };
    case 'done': {
      const { type: _type, ...done } = msg;
      return { ...s, done };
    }
    case 'error':
      // A rejected intent leaves the run as it was; anything else ends it.
      return { ...s, state: msg.kind === 'protocol' ? s.state : 'failed', error: { kind: msg.kind, message: msg.message, iteration: msg.iteration } };
    case 'weights':
    case 'saved':
    case 'advanced':
    case 'checked':
    case 'exported':
      return s; // answers to the extension, and other jobs' reports: nothing the panel draws
  }
}

/** The series with everything from `from` on replaced by the update's points. */
function applySeries<P>(series: P[], { from, points }: Plain<SeriesUpdate<P>> | SeriesUpdate<P>): P[] {
  return [...series.slice(0, from), ...(points as P[])];
}

/** Append a sample unless the iteration is unchanged; thin the history when it grows too long. */
function addAccuracy(list: ViewState['accuracy'], point: ViewState['accuracy'][number]): ViewState['accuracy'] {
  const last = list[list.length - 1];
  if (last && last[0] === point[0]) return [...list.slice(0, -1), point];
  const next = [...list, point];
  return next.length > MAX_ACCURACY_POINTS ? next.filter((_, i) => i % 2 === 0 || i === next.length - 1) : next;
}

/** The state a reload restores: a run cannot survive its worker, so a running one shows as stopped. */
export function restored(saved: ViewState | undefined): ViewState {
  if (!saved) return initialState;
  const live = saved.state === 'running' || saved.state === 'paused';
  return { ...saved, state: live ? 'stopped' : saved.state, notice: live ? 'The panel was reloaded: training stopped. Press Train to start again.' : saved.notice };
}
