// The image grid of a network with an image input: a few test examples (the training set's without
// a test set) with the predicted class ŷ and the true class y under each. A mistake is marked by a
// border in the theme's error colour and by the text `✗` (never by colour alone). Clicking an image
// shows its feature maps: the image whose maps are shown is marked (`.selected`, aria-current, an
// outline in the focus colour), and once its maps arrive they are scrolled into view, since they
// are drawn far below the grid. Hooks: `#images figure[data-example][data-label][data-predicted]`,
// `.mistake` on the wrong ones, `.selected[aria-current="true"]` on the shown one;
// `#images[data-iteration]`.

import type { ViewState } from './reducer';
import { imagePixels } from './tiles';

/** CSS pixels of an image's longer side. */
const IMAGE_PX = 56;

/**
 * The caption of one image: `ŷ 7 · y 7`, `✗ ŷ 3 · y 8`, `ŷ – · y 8` before any prediction; classes
 * by their folder's name when there are names (`ŷ cat · y dog`).
 */
export function imageCaption(predicted: number | undefined, label: number, names?: readonly string[]): string {
  const wrong = predicted !== undefined && predicted !== label;
  const name = (k: number | undefined): string => (k === undefined ? '–' : (names?.[k] ?? String(k)));
  return `${wrong ? '✗ ' : ''}ŷ ${name(predicted)} · y ${name(label)}`;
}

/**
 * When to bring the feature maps into view: once, when the maps of the image clicked last arrive
 * (a snapshot of another example, or one that came before the click, does not count).
 */
export class Reveal {
  private pending?: number;

  clicked(example: number): void {
    this.pending = example;
  }

  /** True the first time the maps shown are those of the image clicked. */
  shown(example: number | undefined): boolean {
    if (this.pending === undefined || example !== this.pending) return false;
    this.pending = undefined;
    return true;
  }
}

export class ImagesView {
  private images?: object;
  private predicted?: object;
  private selected?: number;
  private readonly reveal = new Reveal();

  constructor(
    private readonly box: HTMLElement,
    private readonly grid: HTMLElement,
    private readonly choose: (example: number) => void,
  ) {}

  private pick(example: number): void {
    this.reveal.clicked(example);
    this.choose(example);
  }

  update(s: ViewState): void {
    const images = s.images;
    this.box.hidden = !images;
    if (!images) return;
    if (images !== this.images) {
      this.build(images);
      this.selected = undefined;
    }
    this.images = images;
    this.select(s.conv?.example);
    if (this.reveal.shown(s.conv?.example)) document.getElementById('maps')?.scrollIntoView({ block: 'start', behavior: 'smooth' });
    const predicted = s.conv?.predicted;
    if (predicted === this.predicted) return;
    this.predicted = predicted;
    if (s.conv) this.grid.dataset.iteration = String(s.conv.iteration);
    [...this.grid.children].forEach((el, k) => {
      const figure = el as HTMLElement;
      const p = predicted?.[k] ?? undefined;
      const label = images.labels[k];
      figure.dataset.predicted = p === undefined ? '' : String(p);
      figure.classList.toggle('mistake', p !== undefined && p !== label);
      figure.querySelector('figcaption')!.textContent = imageCaption(p, label, images.classNames);
    });
  }

  /** Marks the image whose feature maps are shown (none when it is not in the grid). */
  private select(example: number | undefined): void {
    if (example === this.selected) return;
    this.selected = example;
    for (const el of this.grid.children) {
      const figure = el as HTMLElement;
      const on = figure.dataset.example === String(example);
      figure.classList.toggle('selected', on);
      figure.setAttribute('aria-current', String(on));
    }
  }

  private build(images: NonNullable<ViewState['images']>): void {
    const { n_H, n_W, n_C } = images;
    const size = n_H * n_W * n_C;
    const scale = Math.max(1, Math.round(IMAGE_PX / Math.max(n_H, n_W)));
    this.predicted = undefined;
    this.grid.replaceChildren(
      ...images.indices.map((example, k) => {
        const figure = document.createElement('figure');
        figure.dataset.example = String(example);
        figure.dataset.label = String(images.labels[k]);
        figure.title = `example ${example + 1} of the ${images.set === 'test' ? 'test' : 'training'} set: click to show its feature maps`;
        const canvas = document.createElement('canvas');
        canvas.width = n_W;
        canvas.height = n_H;
        canvas.style.width = `${n_W * scale}px`;
        canvas.style.height = `${n_H * scale}px`;
        canvas.getContext('2d')!.putImageData(new ImageData(imagePixels(images.pixels, k * size, n_H, n_W, n_C), n_W, n_H), 0, 0);
        const caption = document.createElement('figcaption');
        caption.textContent = imageCaption(undefined, images.labels[k], images.classNames);
        figure.append(canvas, caption);
        // A keyboard reaches it too: Tab to the image, Enter or Space.
        figure.tabIndex = 0;
        figure.addEventListener('click', () => this.pick(example));
        figure.addEventListener('keydown', (event) => {
          if (event.key !== 'Enter' && event.key !== ' ') return;
          event.preventDefault();
          this.pick(example);
        });
        return figure;
      }),
    );
  }
}
