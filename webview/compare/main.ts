// The comparison panel's script: folds the extension's messages into the state, saves it for a
// reload, and redraws at most once per animation frame. It only renders and sends intents.

import '@vscode-elements/elements/dist/vscode-button/index.js';
import '@vscode-elements/elements/dist/vscode-checkbox/index.js';
import '../style.css';
import './compare.css';
import type { VscodeButton } from '@vscode-elements/elements/dist/vscode-button/vscode-button.js';
import type { VscodeCheckbox } from '@vscode-elements/elements/dist/vscode-checkbox/vscode-checkbox.js';
import type { CompareMessage } from '../../core/services/session/compare';
import { onThemeChange } from '../theme';
import { CompareCharts } from './chart';
import { reduceCompare } from './reducer';
import { loadState, saveState, send } from './state';
import { renderTable } from './table';

const byId = <T extends HTMLElement>(id: string): T => document.getElementById(id) as T;

let state = loadState();
const charts = new CompareCharts(byId('compare-cost'), byId('compare-accuracy'));
const logScale = byId<VscodeCheckbox>('log-scale');
logScale.checked = !!state.logScale;
charts.setLogScale(!!state.logScale);
logScale.addEventListener('change', () => {
  state = { ...state, logScale: logScale.checked };
  charts.setLogScale(logScale.checked);
  render();
});
byId('train-all').addEventListener('click', () => send({ type: 'train' }));
byId('stop-all').addEventListener('click', () => send({ type: 'stop' }));

let frame = 0;
function render(): void {
  frame = 0;
  byId('title').textContent = state.file ? `Compare runs — ${state.file}` : 'NN: Compare Runs';
  const live = state.runs.some((r) => r.view.state === 'running' || r.view.state === undefined);
  byId<VscodeButton>('stop-all').disabled = !live || state.runs.length === 0;
  const notice = byId('notice');
  notice.hidden = !state.notice;
  notice.textContent = state.notice ?? '';
  renderTable(state, byId('runs'), byId('notes'));
  charts.update(state);
  saveState(state);
}

window.addEventListener('message', (event: MessageEvent<CompareMessage>) => {
  state = reduceCompare(state, event.data);
  frame ||= requestAnimationFrame(render);
});
onThemeChange(() => {
  charts.applyTheme();
  render();
});
render();
send({ type: 'ready' });
