// The Samples section of a character model (docs/sequences.md, "Samples in the panel"): per logged
// iteration, newest first, the iteration, the seed and the lines drawn from that iteration's
// weights, with the `nn sample` command that prints them again from weights saved there. Samples
// are the user's data: text goes in through textContent only. Hooks: `#samples-box[data-count]`,
// `#samples .entry[data-iteration][data-seed]`, `.line` for each line.

import type { SampleLines } from '../core/services/protocol';
import type { ViewState } from './reducer';

/**
 * The command that prints an entry's text again from the weights of its iteration, in the file
 * Save weights proposes (NAME.weights.json beside the .nn file).
 */
export function sampleCommand(file: string, network: string, entry: SampleLines): string {
  const quoted = (s: string): string => (/^[\w./-]+$/.test(s) ? s : `'${s.replace(/'/g, `'\\''`)}'`);
  const weights = `${file.slice(0, file.lastIndexOf('/') + 1)}${network}.weights.json`;
  return `nn sample ${quoted(file)} --network ${quoted(network)} --weights ${quoted(weights)} --seed ${entry.seed} --length ${entry.length}`;
}

export class SamplesView {
  private shown?: SampleLines[];

  constructor(
    private readonly box: HTMLElement,
    private readonly list: HTMLElement,
  ) {}

  update(s: ViewState): void {
    this.box.hidden = !s.samples?.length;
    this.box.dataset.count = String(s.samples?.length ?? 0);
    if (s.samples === this.shown) return;
    this.shown = s.samples;
    this.list.replaceChildren(...(s.samples ?? []).map((entry) => this.entry(entry, s.network)));
  }

  private entry(entry: SampleLines, network: ViewState['network']): HTMLElement {
    const el = document.createElement('div');
    el.className = 'entry';
    el.dataset.iteration = String(entry.iteration);
    el.dataset.seed = String(entry.seed);
    const head = document.createElement('div');
    head.className = 'head';
    head.textContent = `iteration ${entry.iteration} · seed ${entry.seed}`;
    const lines = document.createElement('ol');
    for (const text of entry.lines) {
      const li = document.createElement('li');
      li.className = 'line';
      li.textContent = text;
      lines.append(li);
    }
    el.append(head, lines);
    if (network) {
      const code = document.createElement('code');
      code.className = 'command';
      code.title = `With the weights of iteration ${entry.iteration} (Save weights there, or nn train ${network.file} --iterations ${entry.iteration} --save-weights …), this prints these lines again`;
      code.textContent = sampleCommand(network.file, network.name, entry);
      el.append(code);
    }
    return el;
  }
}
