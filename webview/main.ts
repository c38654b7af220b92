// The training panel's script: folds the extension's messages into the view state, saves it for a
// reload, and redraws at most once per animation frame. All training logic lives in core/.

import './style.css';
import './diagram/diagram.css';
import type { ViewMessage } from '../core/services/protocol';
import { BoundaryView } from './boundary';
import { CostChart } from './chart';
import { Controls } from './controls';
import { ConvView } from './conv';
import { DiagramView } from './diagram/view';
import { ImagesView } from './images';
import { LayersView } from './layers';
import { reduce, type ViewState } from './reducer';
import { loadState, saveState, send } from './state';
import { SamplesView } from './samples';
import { renderSummary } from './summary';
import { onThemeChange } from './theme';
import { TimeMapsView } from './timeMaps';

const byId = <T extends HTMLElement>(id: string): T => document.getElementById(id) as T;

let state: ViewState = loadState();
const chart = new CostChart(byId('cost-chart'));
const layers = new LayersView((byId('layers') as HTMLTableElement).tBodies[0]);
const boundary = new BoundaryView(byId('boundary'), byId('boundary-legend'));
const showExample = (index: number): void => send({ type: 'showExample', index });
const conv = new ConvView(byId('conv'), byId('filters'), byId('maps'), byId('example'), byId('example-set'));
const images = new ImagesView(byId('images-box'), byId('images'), showExample);
const samples = new SamplesView(byId('samples-box'), byId('samples'));
// The example field counts from 1, as x⁽¹⁾ does; the worker answers a bad number with a note.
byId<HTMLInputElement>('example').addEventListener('change', (event) => {
  const n = Number((event.target as HTMLInputElement).value);
  if (Number.isSafeInteger(n) && n >= 1) showExample(n - 1);
});
const time = new TimeMapsView(byId('time'), byId('time-maps'), byId('time-example'), byId('time-example-set'));
// The example fields count from 1, as x⁽¹⁾ does; the worker answers a bad number with a note.
for (const id of ['example', 'time-example']) {
  byId<HTMLInputElement>(id).addEventListener('change', (event) => {
    const n = Number((event.target as HTMLInputElement).value);
    if (Number.isSafeInteger(n) && n >= 1) showExample(n - 1);
  });
}
// The Diagram section (docs/panel.md): folded or not, as the user left it.
const diagram = new DiagramView(byId('diagram'));
const diagramBox = byId<HTMLDetailsElement>('diagram-box');
diagramBox.open = !state.diagramFolded;
diagramBox.addEventListener('toggle', () => {
  state = { ...state, diagramFolded: !diagramBox.open };
  saveState(state);
});
const controls = new Controls(send, (log) => {
  state = { ...state, logScale: log };
  chart.setLogScale(log);
  render();
}, (speed) => {
  state = { ...state, speed };
  render();
}, state.speed);
(byId('log-scale') as HTMLInputElement).checked = !!state.logScale;
chart.setLogScale(!!state.logScale);

let frame = 0;
function render(): void {
  frame = 0;
  byId('title').textContent = state.network ? `${state.network.name} — ${state.network.file}` : 'NN: Train Network';
  renderSummary(state, byId('summary'), byId('error'), byId('notice'));
  controls.update(state);
  chart.update(state);
  layers.update(state);
  boundary.update(state);
  const redrawn = conv.update(state);
  images.update(state);
  samples.update(state);
  time.update(state);
  diagramBox.hidden = !state.network?.diagram;
  diagram.update(state.network?.diagram);
  diagram.fit();
  saveState(state);
  // What the conv sections now show, counted in the page itself (the integration tests read it).
  if (redrawn && state.conv) {
    const count = (selector: string) => document.querySelectorAll(selector).length;
    send({ type: 'drawn', drawn: { iteration: state.conv.iteration, filters: count('#filters canvas[data-tiles]'), maps: count('#maps canvas[data-tiles]'), images: count('#images figure[data-predicted]:not([data-predicted=""])') } });
  }
}

window.addEventListener('message', (event: MessageEvent<ViewMessage>) => {
  state = reduce(state, event.data);
  frame ||= requestAnimationFrame(render);
});
// The layer table's heat maps and the boundary's canvas are sized to the panel's width.
window.addEventListener('resize', () => (frame ||= requestAnimationFrame(render)));
onThemeChange(() => {
  chart.applyTheme();
  diagram.update(state.network?.diagram, true);
  render();
});
render();
send({ type: 'ready' });
