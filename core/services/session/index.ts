// The training session: drives the engine's step API in short time slices and turns what happens
// into protocol reports. It owns no thread: the worker (extension/worker.ts) feeds it commands and
// posts its reports, and tests drive it directly in Node. Between slices it yields (setImmediate),
// so a stop or pause waits at most one slice (≈ sliceMs, or one step when a step takes longer);
// a `step` of many iterations runs in slices too. A `start` carries the spec the checker resolved;
// its network is resolved once (resolve.ts) and refused, before anything is allocated, when it needs
// more memory than the machine has available (limits.ts).

import { CostHistory, Trainer, type Dataset, type NonFinite } from '../../engine';
import { Interrupted, interruptible } from '../../engine/interrupt';
import type { NetworkSpec } from '../../foundation/model';
import { checkMessage, transferables, type Command, type Report, type RunState, type StartOptions } from '../protocol';
import { divergenceMessage } from './divergence';
import { ConvView } from './convView';
import { Gate } from './gate';
import { initialWeights } from './initial';
import { weightEntries } from '../../layers';
import { availableMemory, loadWithinMemory } from './limits';
import { boundaryGrid, boundaryPoints, gridInputs, heatMap, pool } from './snapshots';
import { normLayers, normSnapshots } from './normSnapshot';
import { TimeView } from './timeView';
import { CostWatch, stalledMessage } from './trend';
import { resolveNetwork, type ResolvedNetwork } from './resolve';
import { PANEL_SAMPLES, SampleLog } from './samples';
import { writeWeightsFile } from './weightsFile';

/** Points of the panel's cost chart: every iteration up to this many, then envelopes (history.ts). */
export const CHART_POINTS = 2000;

export interface SessionOptions {
  /** longest run of steps between two yields */
  sliceMs?: number;
  /** least time between two progress reports (50 ms: about 20 a second) */
  progressMs?: number;
  /** least time between two W/b snapshots and two decision-boundary grids */
  snapshotMs?: number;
  /** decision-boundary grid cells per side */
  gridSize?: number;
  /** heat-map cells per side at most */
  heatMapCells?: number;
  /** lines a character model samples at each logged iteration (0: none) */
  sampleLines?: number;
  /** bytes the machine can give a run (tests set it low) */
  memory?: () => number;
  now?: () => number;
  schedule?: (run: () => void) => void;
}

export type Post = (report: Report, transfer: ArrayBuffer[]) => void;

interface Run {
  spec: NetworkSpec;
  network: ResolvedNetwork;
  train: Dataset;
  test?: Dataset;
  trainer: Trainer;
  state: RunState;
  /** every iteration's finite cost, bounded: what the chart draws */
  chart: CostHistory;
  /** oscillation and rise detection over every iteration's cost */
  watch: CostWatch;
  seconds: number;
  msPerStep: number;
  /** the latest step's cost */
  cost?: number;
  /** running for a `step`: pause when the trainer reaches this iteration */
  pauseAt?: number;
  /** the latest accuracies, and the iteration they were measured at */
  accuracy: { train?: number; test?: number; trainExact?: number; testExact?: number; iteration?: number };
  grid?: ReturnType<typeof gridInputs>;
  /** filters, feature maps and image grid, for an image input */
  conv?: ConvView;
  /** the layers with γ[l] (normalized), whose γ, β and running statistics the snapshots carry */
  norms?: ReturnType<typeof normLayers>;
  /** a character model's sampled lines at each logged iteration */
  samples?: SampleLog;
  /** a⟨t⟩, gates and α of one example, for recurrent and attention layers */
  time?: TimeView;
  /** the curves and figures only (StartOptions.curvesOnly): none of the views above, no snapshots */
  curvesOnly: boolean;
}

export class TrainingSession {
  private run?: Run;
  private looping = false;
  private readonly opts: Required<SessionOptions>;
  private readonly gates: Record<'progress' | 'accuracy' | 'snapshot' | 'boundary' | 'samples', Gate>;

  constructor(
    private readonly post: Post,
    options: SessionOptions = {},
  ) {
    this.opts = {
      sliceMs: 15,
      progressMs: 50,
      snapshotMs: 250,
      gridSize: 40,
      heatMapCells: 64,
      sampleLines: PANEL_SAMPLES.lines,
      memory: availableMemory,
      now: () => performance.now(),
      schedule: (run) => setImmediate(run),
      ...options,
    };
    this.gates = {
      progress: new Gate(this.opts.progressMs, 0.2),
      accuracy: new Gate(this.opts.progressMs),
      snapshot: new Gate(this.opts.snapshotMs),
      boundary: new Gate(this.opts.snapshotMs),
      // at every logged iteration, unless drawing would take over a tenth of the time (log_every 1 on a big model)
      samples: new Gate(0),
    };
  }

  /** The session's state, or undefined before the first start. */
  get state(): RunState | undefined {
    return this.run?.state;
  }

  /** Handle one incoming message; anything malformed is answered with a `protocol` error. */
  handle(message: unknown): void {
    const command = checkMessage(message);
    if (typeof command === 'string') return this.send({ type: 'error', kind: 'protocol', message: command });
    this.command(command);
  }

  /** Handle a command already checked (jobs.ts routes the training ones here). */
  command(command: Command): void {
    try {
      this.dispatch(command);
    } catch (e) {
      // An engine bug must not kill the thread silently: report it and stop this run.
      if (this.run) this.run.state = 'failed';
      this.send({ type: 'error', kind: 'crash', message: e instanceof Error ? e.message : String(e), iteration: this.run?.trainer.iteration });
    }
  }

  private dispatch(command: Command): void {
    if (command.type === 'start') return this.start(command.spec, command.options ?? {});
    if (command.type === 'gradcheck' || command.type === 'export' || command.type === 'sample') return this.send({ type: 'error', kind: 'protocol', message: `${command.type}: a training session runs no ${command.type} job` });
    const run = this.run;
    if (!run) return this.send({ type: 'error', kind: 'protocol', message: `${command.type}: no network has been started` });
    switch (command.type) {
      case 'pause':
        if (run.state === 'running') this.setState(run, 'paused');
        return;
      case 'resume':
        if (run.state === 'paused') this.setState(run, 'running');
        return;
      case 'step':
        if (run.state === 'paused') this.step(run, command.count ?? 1);
        return;
      case 'stop':
        if (run.state === 'running' || run.state === 'paused') this.finish(run, 'stopped');
        return;
      case 'reset':
        return this.start(run.spec, { paused: true, curvesOnly: run.curvesOnly }, run);
      case 'setLearningRate':
        run.trainer.learningRate = command.value;
        if (run.state !== 'running') this.report(run, true);
        return;
      case 'setIterations':
        // The run's spec is the session's own copy, and the Trainer reads `iterations` at every step.
        run.spec.train.iterations = command.value;
        if (run.state === 'running' || run.state === 'paused') {
          if (run.trainer.iteration >= command.value) this.finish(run, 'completed');
          else if (run.state === 'paused') this.report(run, true);
        } else if (run.state === 'done' && run.trainer.iteration < command.value) {
          this.setState(run, 'paused'); // more iterations for a finished run: it can go on
        }
        return;
      case 'showExample': {
        const view = run.conv ?? run.time; // an image input has no steps: never both
        const problem = view ? view.choose(command.index)
          : run.curvesOnly ? 'showExample: this run reports its curves only'
          : 'showExample: the network has no image input and no recurrent or attention layer';
        if (problem) return this.send({ type: 'error', kind: 'protocol', message: problem });
        return this.snapshot(run);
      }
      case 'exportWeights': {
        // copies, each exactly its entries long; the entries say the file's keys and shapes
        return this.send({ type: 'weights', iteration: run.trainer.iteration, weights: run.trainer.weights(), entries: weightEntries(run.trainer.spec) });
      }
      case 'writeWeights': {
        const { iteration } = run.trainer;
        return void writeWeightsFile(command.path, run.trainer.spec, run.trainer.weights()).then(
          () => this.send({ type: 'saved', path: command.path, iteration }),
          (e: unknown) => this.send({ type: 'error', kind: 'write', message: e instanceof Error ? e.message : String(e) }));
      }
    }
  }

  /**
   * Resolve the network, load the data and build the trainer; `previous` (a reset) keeps its
   * resolved network, data and learning rate. A spec no checker could have made, or one that needs
   * more memory than the machine has available (asked before loading, and again with a CSV's real
   * size before the network's buffers), is a `data` error: the panel shows it as the run's failure.
   */
  private start(given: NetworkSpec, options: StartOptions, previous?: Run): void {
    this.run?.trainer.dispose(); // its memory goes to the new trainer at once (docs/engine.md, "Memory")
    this.run = undefined;
    const network = previous?.network ?? resolveNetwork(given);
    if (typeof network === 'string') return this.send({ type: 'error', kind: 'data', message: `start: ${network}` });
    const spec = previous?.spec ?? network.spec;
    const iterations = options.iterations ?? previous?.spec.train.iterations ?? spec.train.iterations;
    const learningRate = options.learningRate ?? previous?.trainer.learningRate ?? spec.train.learningRate;
    const resolved: NetworkSpec = { ...spec, train: { ...spec.train, iterations, learningRate } };
    let data: { train: Dataset; test?: Dataset };
    let trainer: Trainer;
    const chart = new CostHistory(CHART_POINTS);
    // Mini-batch runs are judged per epoch, of m examples: replaced once the data is loaded.
    let watch = new CostWatch();
    const onCost = (i: number, J: number): void => {
      if (Number.isFinite(J)) chart.push(i, J); // a diverged run keeps its last finite curve
      watch.add(i, J);
    };
    try {
      data = previous ? { train: previous.train, test: previous.test } : loadWithinMemory(resolved, this.opts.memory());
      watch = new CostWatch(resolved.train.batch, data.train.m);
      trainer = new Trainer(resolved, data.train, { test: data.test, initial: initialWeights(resolved), onCost });
    } catch (e) {
      return this.send({ type: 'error', kind: 'data', message: e instanceof Error ? e.message : String(e) });
    }
    // Compare Runs draws none of the views: they are not even built, so nothing computes them.
    const curvesOnly = options.curvesOnly === true;
    const views = curvesOnly ? {} : {
      grid: data.train.X.rows === 2 ? gridInputs(data.train.X, this.opts.gridSize) : undefined,
      conv: ConvView.of(resolved, data.train, data.test, previous?.conv?.example),
      norms: normLayers(resolved),
      samples: SampleLog.of(resolved, data.train.vocab, this.opts.sampleLines),
      time: TimeView.of(resolved, data.train, data.test, previous?.time?.example),
    };
    const run: Run = {
      spec: resolved,
      network,
      ...data,
      trainer,
      state: options.paused ? 'paused' : 'running',
      chart,
      watch,
      seconds: 0,
      msPerStep: 0,
      accuracy: {},
      ...views,
      curvesOnly,
    };
    this.run = run;
    for (const gate of Object.values(this.gates)) gate.open();
    const points = curvesOnly ? undefined : boundaryPoints(data.train, data.test, 2000);
    this.send({ type: 'started', network: spec.name, iterations, learningRate, m: data.train.m, points, images: run.conv?.images });
    this.report(run, true);
    this.sample(run);
    if (run.state === 'running') this.loop();
  }

  /** `count` steps, then paused: the first slice now, the rest in slices as a run goes, so a stop or pause still gets in. */
  private step(run: Run, count: number): void {
    const target = run.trainer.iteration + count;
    this.advance(run, count, this.opts.sliceMs);
    if (run.state !== 'paused') return; // completed or diverged
    if (run.trainer.iteration >= target) return this.report(run, true);
    this.setState(run, 'running');
    run.pauseAt = target;
  }

  private setState(run: Run, state: RunState): void {
    run.state = state;
    run.pauseAt = undefined;
    this.report(run, true);
    if (state === 'running') this.loop();
  }

  /** One slice now, the next after a yield, until the run leaves the running state. */
  private loop(): void {
    if (this.looping) return;
    this.looping = true;
    const slice = (): void => {
      const run = this.run;
      if (!run || run.state !== 'running') {
        this.looping = false;
        return;
      }
      try {
        this.advance(run, run.pauseAt === undefined ? Infinity : run.pauseAt - run.trainer.iteration, this.opts.sliceMs);
        if (run.state === 'running' && run.pauseAt !== undefined && run.trainer.iteration >= run.pauseAt) this.setState(run, 'paused');
        else if (run.state === 'running') this.report(run, false);
      } catch (e) {
        run.state = 'failed';
        this.send({ type: 'error', kind: 'crash', message: e instanceof Error ? e.message : String(e), iteration: run.trainer.iteration });
      }
      this.opts.schedule(slice);
    };
    this.opts.schedule(slice);
  }

  /** Run up to `count` steps for at most `budgetMs`, finishing or failing the run when it ends. */
  private advance(run: Run, count: number, budgetMs: number): void {
    const { now } = this.opts;
    const t0 = now();
    let left = Math.min(count, run.spec.train.iterations - run.trainer.iteration);
    while (left > 0) {
      const remaining = budgetMs - (now() - t0);
      if (remaining <= 0) break;
      // As many steps as fit in what is left of the slice, judged by the last steps' pace.
      // …and never past the next iteration whose lines are drawn, so they come from its weights.
      const k = Math.max(1, Math.min(left, run.samples?.stepsToNext(run.trainer.iteration) ?? left, run.msPerStep > 0 ? Math.floor(remaining / run.msPerStep) : 1));
      const s = now();
      let result;
      try {
        result = interruptible(() => run.trainer.step(k));
      } catch (e) {
        // A Stop is on its way (interrupt.ts): the step is abandoned before its update; the message ends the run.
        if (e instanceof Interrupted) break;
        throw e;
      }
      run.msPerStep = (now() - s) / k;
      run.cost = result.cost;
      left -= k;
      if (result.diverged) {
        run.seconds += (now() - t0) / 1000;
        return this.diverged(run, result.iteration, result.cost, result.cause);
      }
      this.sample(run);
    }
    run.seconds += (now() - t0) / 1000;
    if (run.trainer.iteration >= run.spec.train.iterations) this.finish(run, 'completed');
  }

  private diverged(run: Run, iteration: number, cost: number, cause?: NonFinite): void {
    run.state = 'failed';
    this.report(run, true);
    this.send({ type: 'error', kind: 'divergence', iteration, message: divergenceMessage(cost, iteration, run.trainer.learningRate, cause) });
  }

  private finish(run: Run, reason: 'completed' | 'stopped'): void {
    run.state = reason === 'completed' ? 'done' : 'stopped';
    this.report(run, true);
    this.send({
      type: 'done',
      reason,
      iteration: run.trainer.iteration,
      cost: run.cost,
      trainAccuracy: run.accuracy.train,
      testAccuracy: run.accuracy.test,
      trainExact: run.accuracy.trainExact,
      testExact: run.accuracy.testExact,
      seconds: run.seconds,
    });
  }

  /** Progress, and the extras whose gate is open; `force` sends all of them now. */
  private report(run: Run, force: boolean): void {
    const { now } = this.opts;
    const { trainer } = run;
    const t = now();
    if (!force && !this.gates.progress.due(t)) return;
    if (force || this.gates.accuracy.due(t)) {
      const train = trainer.scores('train'), test = trainer.scores('test');
      run.accuracy = { train: train.accuracy, test: test.accuracy, trainExact: train.exact, testExact: test.exact, iteration: trainer.iteration };
      this.gates.accuracy.ran(t, now() - t);
    }
    const recorded = trainer.history.changes();
    const layers = trainer.stats().map(({ l, W, b, dW, dZ }) => ({ l, W, b, dW, dZ }));
    const warnings = [run.watch.warning(trainer.learningRate), trainer.iteration > 0 ? stalledMessage(layers) : undefined].filter(Boolean);
    const t1 = now();
    this.send({
      type: 'progress',
      state: run.state,
      iteration: trainer.iteration,
      iterations: run.spec.train.iterations,
      learningRate: trainer.learningRate,
      cost: run.cost,
      costs: recorded.points.map(([i, J]) => [i, J]),
      costsFrom: recorded.from,
      chart: run.chart.changes(),
      warning: warnings.length ? warnings.join(' ') : undefined,
      trainAccuracy: run.accuracy.train,
      testAccuracy: run.accuracy.test,
      trainExact: run.accuracy.trainExact,
      testExact: run.accuracy.testExact,
      accuracyIteration: run.accuracy.iteration,
      layers,
      seconds: run.seconds,
    });
    this.gates.progress.ran(t1, now() - t1);
    if (!run.curvesOnly && (force || this.gates.snapshot.due(t))) this.snapshot(run);
    if (run.grid && (force || this.gates.boundary.due(t))) {
      const s = now();
      this.send({ type: 'boundary', iteration: trainer.iteration, grid: boundaryGrid(run.grid, this.opts.gridSize, trainer.predict(run.grid.X)) });
      this.gates.boundary.ran(s, now() - s);
    }
  }

  /**
   * W[l], b[l] for the heat maps, γ[l], β[l] and the running statistics of normalized layers, for
   * an image input the filters, feature maps and grid's predictions, and for recurrent and
   * attention layers one example's maps through time.
   */
  private snapshot(run: Run): void {
    const { now } = this.opts;
    const { trainer } = run;
    const s = now();
    const { W, b } = trainer.layerMatrices();
    const cells = this.opts.heatMapCells;
    const weights = run.norms || run.conv || run.time ? trainer.weights() : {};
    this.send({
      type: 'snapshot',
      iteration: trainer.iteration,
      W: W.map((w) => heatMap(w, cells)),
      b: b.map((v) => pool(v, cells, 1)),
      shapes: W.map((w) => [w.rows, w.cols]),
      norms: run.norms && normSnapshots(run.norms, weights),
      conv: run.conv?.snapshot(weights, (X) => trainer.predict(X)),
      time: run.time?.snapshot(weights),
    });
    this.gates.snapshot.ran(s, now() - s);
  }

  /**
   * The sampled lines of a character model, when the trainer has just reached an iteration they are
   * drawn at and their gate is open; always at the end of the run (its gate opens at the start).
   */
  private sample(run: Run): void {
    const { trainer } = run;
    const { iterations } = run.spec.train;
    const t = this.opts.now();
    if (!run.samples?.due(trainer.iteration, iterations) || (trainer.iteration < iterations && !this.gates.samples.due(t))) return;
    this.send({ type: 'samples', ...run.samples.draw(trainer.iteration, trainer.weights()) });
    this.gates.samples.ran(t, this.opts.now() - t);
  }

  private send(report: Report): void {
    this.post(report, transferables(report));
  }
}
