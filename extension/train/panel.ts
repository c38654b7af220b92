// One training panel per network: the webview, the worker behind it, and the routing between the
// two. Reports go to the webview as they come (typed arrays made plain); the webview's intents
// become worker commands. Closing the panel ends the worker.

import * as vscode from 'vscode';
import { checkMessage, toPlain, type Command, type Drawn, type Report, type RunState, type StartOptions, type ViewMessage } from '../../core/services/protocol';
import { panelLayers } from './layerTable';
import { costsCsv } from './costs';
import type { RunOutcome } from '../../core/services/session/outcome';
import { PageOutbox } from '../outbox';
import { panelColumn } from '../panelColumn';
import { trainingHtml } from './html';
import { Pacer } from './pacer';
import type { PickTarget, Target } from './pick';
import { WorkerHost } from './workerHost';

/** How a run ended, as `nn.trainNetwork` resolves it (the integration tests await this). */
export type TrainOutcome = RunOutcome;

type Weights = Extract<Report, { type: 'weights' }>;
/** The worker's answer to `writeWeights`: the file written, or why not. */
type Written = Extract<Report, { type: 'saved' }> | { type: 'error'; message: string };

export class TrainingPanel {
  static readonly viewType = 'nnStudio.training';
  private static readonly panels = new Map<string, TrainingPanel>();

  private readonly host: WorkerHost;
  /** slow motion: steps the worker at the speed the page asks for */
  private readonly pacer: Pacer;
  private target?: Target;
  /** the run's state as the worker last reported it; undefined: the worker has no run */
  private state?: RunState;
  private costs: Array<[number, number]> = [];
  /** α and iterations the user set in the panel, for the next start */
  private overrides: StartOptions = {};
  private readonly outbox: PageOutbox<ViewMessage>;
  private settle?: (outcome: TrainOutcome) => void;
  /** what the page last drew of a conv network (`nn.trainingPanelDrawn`, for the integration tests) */
  private drawn?: Drawn;
  /** called with the worker's weights, or with nothing when the worker is lost first */
  private awaitingWeights?: (w?: Weights) => void;
  /** called with the worker's answer to `writeWeights`, or with nothing when the worker is lost first */
  private awaitingWrite?: (w?: Written) => void;
  /** the iteration of the latest progress report */
  private iteration = 0;

  /**
   * The panel of this network, revealed where it is, or a new one in the column NN Studio's panels
   * share (panelColumn.ts). The editor keeps the focus, so files opened next do not land in the
   * panels' column.
   */
  static show(context: vscode.ExtensionContext, target: Target, pick: PickTarget): TrainingPanel {
    const key = TrainingPanel.key(target.uri, target.network.name);
    const open = TrainingPanel.panels.get(key);
    if (open) {
      open.panel.reveal(undefined, true);
      return open;
    }
    const show = { viewColumn: panelColumn(), preserveFocus: true };
    const panel = vscode.window.createWebviewPanel(TrainingPanel.viewType, `Train ${target.network.name}`, show, {
      enableScripts: true,
      localResourceRoots: [vscode.Uri.joinPath(context.extensionUri, 'dist')],
      // A run goes on while the panel is hidden; keeping the page alive keeps its live chart whole.
      retainContextWhenHidden: true,
    });
    return new TrainingPanel(context, panel, pick, target.uri, target.network.name);
  }

  /** A panel VS Code restored after a reload: its page restores its own state; the run is gone. */
  static revive(context: vscode.ExtensionContext, panel: vscode.WebviewPanel, state: unknown, pick: PickTarget): TrainingPanel {
    const network = (state as { network?: { uri?: string; name?: string } } | undefined)?.network;
    const uri = typeof network?.uri === 'string' ? vscode.Uri.parse(network.uri) : undefined;
    return new TrainingPanel(context, panel, pick, uri, network?.name);
  }

  /** What the panel of this network last drew of its conv sections, if it is open and drew them. */
  static drawnIn(uri: vscode.Uri, name: string): Drawn | undefined {
    return TrainingPanel.panels.get(TrainingPanel.key(uri, name))?.drawn;
  }

  private static key(uri: vscode.Uri, name: string): string {
    return `${uri.toString()}#${name}`;
  }

  private constructor(
    context: vscode.ExtensionContext,
    private readonly panel: vscode.WebviewPanel,
    /** re-checks the file before each restart, through the editor's shared analysis */
    private readonly pick: PickTarget,
    private readonly uri: vscode.Uri | undefined,
    private readonly name: string | undefined,
  ) {
    const dist = vscode.Uri.joinPath(context.extensionUri, 'dist');
    panel.webview.options = { enableScripts: true, localResourceRoots: [dist] };
    panel.webview.html = trainingHtml(panel.webview, dist);
    this.outbox = new PageOutbox(panel.webview);
    this.host = new WorkerHost(vscode.Uri.joinPath(dist, 'worker.js').fsPath, (report) => this.onReport(report));
    this.pacer = new Pacer((command) => this.send(command));
    if (uri && name) TrainingPanel.panels.set(TrainingPanel.key(uri, name), this);
    panel.webview.onDidReceiveMessage((message: unknown) => void this.onIntent(message));
    panel.onDidDispose(() => {
      if (uri && name) TrainingPanel.panels.delete(TrainingPanel.key(uri, name));
      this.pacer.halt();
      void this.host.dispose();
      this.end({ network: name ?? '', reason: 'closed' });
    });
  }

  /** Train `target` from the start with the file's own settings; resolves when the run ends. */
  trainFromFile(target: Target): Promise<TrainOutcome> {
    this.overrides = {};
    return this.train(target, {});
  }

  private train(target: Target, options: StartOptions): Promise<TrainOutcome> {
    this.end({ network: target.network.name, reason: 'stopped' });
    this.target = target;
    this.costs = [];
    this.drawn = undefined;
    this.post({
      type: 'network',
      name: target.network.name,
      uri: target.uri.toString(),
      file: vscode.workspace.asRelativePath(target.uri),
      m: target.network.m,
      layers: panelLayers(target.network.layers),
      diagram: target.diagram,
    });
    // A slow-motion run starts paused and is stepped from here; a Step or Reset stays paused.
    const paced = this.pacer.speed > 0 && !options.paused;
    this.pacer.halt();
    this.send({ type: 'start', spec: target.network.spec, options: paced ? { ...options, paused: true } : options });
    if (paced) this.pacer.start();
    return new Promise((resolve) => (this.settle = resolve));
  }

  private async onIntent(message: unknown): Promise<void> {
    const intent = checkMessage(message, true);
    if (typeof intent === 'string') return;
    switch (intent.type) {
      case 'ready':
        this.outbox.open();
        return;
      case 'train':
      case 'resume':
        if (this.state === 'paused') return this.resume();
        return void this.restart({});
      case 'pause':
        if (this.pacer.pacing) return this.showPaused();
        return this.forward(intent);
      case 'stop':
        this.pacer.halt();
        return this.forward(intent);
      case 'setSpeed':
        return this.setSpeed(intent.value);
      case 'step':
      case 'reset':
        if (intent.type === 'reset') this.pacer.halt(); // Reset stays at iteration 0, paused
        // Without a run (never started, or the worker was lost) both begin a new one, paused.
        if (this.state === undefined) return void this.restart({ paused: true }, intent);
        return this.send(intent);
      case 'setLearningRate':
        this.overrides.learningRate = intent.value;
        return this.forward(intent);
      case 'setIterations':
        this.overrides.iterations = intent.value;
        return this.forward(intent);
      case 'saveWeights':
        return this.saveWeights();
      case 'drawn':
        this.drawn = intent.drawn;
        return;
      case 'exportNetwork':
        return this.exportNetwork();
      case 'copyCosts':
        await vscode.env.clipboard.writeText(costsCsv(this.costs));
        void vscode.window.showInformationMessage(`Copied ${this.costs.length} recorded costs of \`${this.name}\` to the clipboard.`);
        return;
      default:
        return this.forward(intent);
    }
  }

  /** Go on from a pause: stepped from here in slow motion, else by the worker itself. */
  private resume(): void {
    if (this.pacer.speed > 0) this.pacer.start();
    else this.send({ type: 'resume' });
  }

  /** A paced run pauses here (the worker is paused already): the page is told so. */
  private showPaused(): void {
    const progress = this.pacer.pause();
    if (progress) this.post(toPlain(progress));
  }

  /** A new speed applies to the run going on: from full speed to slow motion and back. */
  private setSpeed(speed: number): void {
    const wasPacing = this.pacer.pacing;
    this.pacer.speed = speed;
    if (speed > 0 && this.state === 'running' && !wasPacing) {
      this.send({ type: 'pause' });
      this.pacer.start();
    } else if (speed === 0 && wasPacing) {
      this.pacer.halt();
      this.send({ type: 'resume' });
    }
  }

  /** Check the file again as it is now and start anew, keeping α and iterations set in the panel. */
  private async restart(options: StartOptions, then?: Command): Promise<void> {
    if (!this.uri || !this.name) {
      void vscode.window.showWarningMessage('Open the .nn file and run "NN: Train Network" to train it.');
      return;
    }
    const target = await this.pick(this.uri, this.name);
    if (!target) return;
    void this.train(target, { ...this.overrides, ...options });
    if (then?.type === 'step') this.send(then);
  }

  private forward(command: Command): void {
    if (this.state !== undefined) this.send(command);
  }

  private send(command: Command): void {
    this.host.send(command);
  }

  private post(message: ViewMessage): void {
    this.outbox.post(message);
  }

  private onReport(report: Report): void {
    switch (report.type) {
      case 'weights':
        this.awaitingWeights?.(report);
        return;
      case 'saved':
        this.awaitingWrite?.(report);
        return;
      case 'started':
        this.costs = [];
        break;
      case 'progress':
        this.state = report.state;
        this.iteration = report.iteration;
        // From costsFrom on (the worker's bounded history may have merged old points); no spread, as it can be long.
        this.costs.splice(report.costsFrom);
        for (const c of report.costs) this.costs.push(c);
        break;
      case 'done':
        this.end({ network: this.name ?? '', reason: report.reason, iteration: report.iteration, cost: report.cost, trainAccuracy: report.trainAccuracy, testAccuracy: report.testAccuracy, trainExact: report.trainExact, testExact: report.testExact, seconds: report.seconds });
        break;
      case 'error':
        if (report.kind === 'write') return this.awaitingWrite?.(report); // Save Weights failed; the run goes on
        if (report.kind !== 'protocol') {
          if (report.kind !== 'divergence') {
            this.state = undefined; // no run left in the worker
            this.awaitingWeights?.();
            this.awaitingWrite?.();
          }
          void vscode.window.showErrorMessage(`NN: training \`${this.name}\` failed: ${report.message}`);
          this.end({ network: this.name ?? '', reason: 'failed', iteration: report.iteration, error: report.message });
        }
        break;
    }
    this.post(toPlain(this.pacer.view(report)));
  }

  private end(outcome: TrainOutcome): void {
    this.settle?.(outcome);
    this.settle = undefined;
  }

  /** The worker's W and b now, in full precision; undefined when there is no run or the worker is lost. */
  private async currentWeights(): Promise<Weights | undefined> {
    if (!this.target || this.state === undefined) return undefined;
    const weights = await new Promise<Weights | undefined>((resolve) => {
      this.awaitingWeights = resolve;
      this.send({ type: 'exportWeights' });
    });
    this.awaitingWeights = undefined;
    return weights;
  }

  /** The Export button: "NN: Export Network…" with the weights trained so far. */
  private async exportNetwork(): Promise<void> {
    const target = this.target;
    const weights = await this.currentWeights();
    if (!target || !weights) return;
    await vscode.commands.executeCommand('nn.exportNetwork', target.uri, target.network.name, { iteration: weights.iteration, weights: weights.weights, entries: weights.entries });
  }

  /**
   * Save Weights: a save dialog, then the worker writes W and b as they are then (atomically: the
   * weights file's layout is the resolved network's, core/services/session/weightsFile.ts).
   */
  private async saveWeights(): Promise<void> {
    const target = this.target;
    if (!target || this.state === undefined) return;
    const uri = await vscode.window.showSaveDialog({
      defaultUri: vscode.Uri.joinPath(target.uri, '..', `${target.network.name}.weights.json`),
      filters: { 'Weights (JSON)': ['json'] },
      title: `Save the weights of ${target.network.name} (iteration ${this.iteration})`,
    });
    if (!uri) return;
    const where = vscode.workspace.asRelativePath(uri);
    if (uri.scheme !== 'file') return void vscode.window.showErrorMessage('NN: save the weights to a local folder: training reads its weights file by path.');
    if (this.state === undefined) return; // the run was lost while the dialog was open
    const written = await new Promise<Written | undefined>((resolve) => {
      this.awaitingWrite = resolve;
      this.send({ type: 'writeWeights', path: uri.fsPath });
    });
    this.awaitingWrite = undefined;
    if (!written) return;
    if (written.type === 'error') return void vscode.window.showErrorMessage(`NN: cannot save the weights to ${where}: ${written.message}`);
    void vscode.window.showInformationMessage(`Saved W and b of \`${target.network.name}\` at iteration ${written.iteration} to ${where}.`);
  }
}
