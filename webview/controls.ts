// The control bar: train / pause / step / stop / reset, learning rate α, iterations, the cost axis
// scale, "Save weights" and "Copy cost history". It only sends intents; which buttons are enabled
// follows the run's state. Ids: #train #pause #step #stop #reset #learning-rate #iterations
// #log-scale #save-weights #export-network #copy-costs.

import '@vscode-elements/elements/dist/vscode-button/index.js';
import '@vscode-elements/elements/dist/vscode-checkbox/index.js';
import '@vscode-elements/elements/dist/vscode-textfield/index.js';
import type { VscodeButton } from '@vscode-elements/elements/dist/vscode-button/vscode-button.js';
import type { VscodeCheckbox } from '@vscode-elements/elements/dist/vscode-checkbox/vscode-checkbox.js';
import type { VscodeTextfield } from '@vscode-elements/elements/dist/vscode-textfield/vscode-textfield.js';
import type { Intent } from '../core/services/protocol';
import type { ViewState } from './reducer';

const $ = <T extends HTMLElement>(id: string): T => document.getElementById(id) as T;

export class Controls {
  private readonly buttons = {
    train: $<VscodeButton>('train'),
    pause: $<VscodeButton>('pause'),
    step: $<VscodeButton>('step'),
    stop: $<VscodeButton>('stop'),
    reset: $<VscodeButton>('reset'),
    saveWeights: $<VscodeButton>('save-weights'),
    exportNetwork: $<VscodeButton>('export-network'),
    copyCosts: $<VscodeButton>('copy-costs'),
  };
  private readonly learningRate = $<VscodeTextfield>('learning-rate');
  private readonly iterations = $<VscodeTextfield>('iterations');

  constructor(send: (intent: Intent) => void, onLogScale: (log: boolean) => void) {
    const { train, pause, step, stop, reset, saveWeights, exportNetwork, copyCosts } = this.buttons;
    train.addEventListener('click', () => send({ type: train.dataset.resume ? 'resume' : 'train' }));
    pause.addEventListener('click', () => send({ type: 'pause' }));
    step.addEventListener('click', () => send({ type: 'step' }));
    stop.addEventListener('click', () => send({ type: 'stop' }));
    reset.addEventListener('click', () => send({ type: 'reset' }));
    saveWeights.addEventListener('click', () => send({ type: 'saveWeights' }));
    exportNetwork.addEventListener('click', () => send({ type: 'exportNetwork' }));
    copyCosts.addEventListener('click', () => send({ type: 'copyCosts' }));
    this.learningRate.addEventListener('change', () => {
      const value = Number(this.learningRate.value);
      if (value > 0 && Number.isFinite(value)) send({ type: 'setLearningRate', value });
    });
    this.iterations.addEventListener('change', () => {
      const value = Number(this.iterations.value);
      if (Number.isInteger(value) && value >= 1) send({ type: 'setIterations', value });
    });
    const log = $<VscodeCheckbox>('log-scale');
    log.addEventListener('change', () => onLogScale(log.checked));
  }

  update(s: ViewState): void {
    const live = s.state === 'running' || s.state === 'paused';
    const { train, pause, step, stop, reset, saveWeights, exportNetwork, copyCosts } = this.buttons;
    train.disabled = s.state === 'running';
    if (s.state === 'paused') train.dataset.resume = '1';
    else delete train.dataset.resume;
    train.textContent = s.state === 'paused' && s.iteration > 0 ? 'Resume' : 'Train';
    pause.disabled = s.state !== 'running';
    // Step continues a paused run, or starts one paused; a finished run is reset or trained anew.
    step.disabled = !(s.state === 'paused' || s.state === undefined);
    stop.disabled = !live;
    reset.disabled = s.state === undefined;
    saveWeights.disabled = !(live || s.state === 'stopped' || s.state === 'done');
    exportNetwork.disabled = saveWeights.disabled;
    copyCosts.disabled = s.costs.length === 0;
    // Don't overwrite a field the user is typing in.
    if (s.learningRate !== undefined && document.activeElement !== this.learningRate) this.learningRate.value = String(s.learningRate);
    if (s.iterations && document.activeElement !== this.iterations) this.iterations.value = String(s.iterations);
  }
}
