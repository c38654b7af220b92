// "NN: Show Network Diagram"'s page: draws the network the extension sends (the one under the
// editor's cursor), marks the statement under the cursor, and keeps both across a reload.

import './diagram.css';
import '../style.css';
import type { DiagramDrawn, DiagramIntent, DiagramMessage } from '../../core/services/diagram';
import { bridge } from '../bridge';
import { onThemeChange } from '../theme';
import { DiagramView } from './view';

type Shown = Extract<DiagramMessage, { type: 'diagram' }>;
interface State {
  shown?: Shown;
}

const { send, loadState, saveState } = bridge<DiagramIntent, State>((saved) => saved ?? {});
let state = loadState();
const title = document.getElementById('title')!;
const note = document.getElementById('notice')!;
const view = new DiagramView(document.getElementById('diagram')!);
view.onClick((line) => send({ type: 'reveal', line }));

function render(force = false): void {
  const shown = state.shown;
  title.textContent = shown?.network ? `${shown.network} — ${shown.file}` : 'NN: Network Diagram';
  note.textContent = shown?.note ?? '';
  note.hidden = !shown?.note;
  view.update(shown?.data, force);
  view.mark(shown?.line, true);
  saveState(state);
  send({ type: 'drawn', drawn: drawn() });
}

/** What the page shows, read from the SVG itself. */
function drawn(): DiagramDrawn {
  const svg = document.querySelector('svg.diagram')!;
  const attr = (selector: string, read: (el: SVGElement) => string) => [...svg.querySelectorAll<SVGElement>(selector)].map(read);
  return {
    network: state.shown?.data ? state.shown.network : undefined,
    layers: attr('g.box.role-layer', (g) => `${g.querySelector('.title')?.textContent?.split(' ')[0]} ${g.dataset.l}`),
    arrows: attr('polyline.arrow[data-to^="l"]', (a) => `${a.dataset.to} ${a.dataset.shape}`),
    frames: attr('g.frame', (g) => g.dataset.kind ?? ''),
    current: svg.querySelector<SVGElement>('.current')?.dataset.id,
  };
}

window.addEventListener('message', (event: MessageEvent<DiagramMessage>) => {
  const message = event.data;
  if (message.type === 'diagram') state = { shown: message };
  else if (state.shown) state = { shown: { ...state.shown, line: message.line } };
  render();
});
onThemeChange(() => render(true));
window.addEventListener('resize', () => view.fit());
render();
send({ type: 'ready' });
