// What the views of one example share (conv feature maps, maps through time): they redraw only when
// a new snapshot came or the panel's width changed, and say which example of which set they show.

/** Whether a view is due to redraw: a snapshot it has not drawn, or a new width. */
export class Redraw {
  private drawn?: object;
  private width = 0;

  due(snapshot: object, width: number): boolean {
    if (snapshot === this.drawn && width === this.width) return false;
    this.drawn = snapshot;
    this.width = width;
    return true;
  }
}

/** The section's hooks, its example field (counting from 1, left alone while being typed in) and the sentence beside it. */
export function markExample(box: HTMLElement, field: HTMLInputElement, sentence: HTMLElement, shown: { iteration: number; example: number; set: 'test' | 'train' }, more = ''): void {
  box.dataset.iteration = String(shown.iteration);
  box.dataset.example = String(shown.example);
  if (document.activeElement !== field) field.value = String(shown.example + 1);
  sentence.textContent = `of the ${shown.set === 'test' ? 'test' : 'training'} set, at iteration ${shown.iteration}${more}`;
}
