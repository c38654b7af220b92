// The session's view of a network with recurrent or attention layers: which layers show maps
// through time and the example they show (`showExample`). The session asks it for a TimeSnapshot
// with each throttled W/b snapshot, as it asks ConvView for an image input's.

import type { Dataset } from '../../data/dataset';
import type { WeightsValues } from '../../data/weights';
import type { NetworkSpec } from '../../foundation/model';
import type { TimeSnapshot } from '../protocol';
import { columns } from './convSnapshot';
import { exampleProblem, shownSet } from './oneExample';
import { TIME_CELLS, timeLayers, timeMaps, timeTraces, tokenLabels } from './timeSnapshot';

export class TimeView {
  private constructor(
    private readonly spec: NetworkSpec,
    /** the layers l that show maps, in order */
    private readonly layers: number[],
    /** the set the maps show: the test set when there is one */
    private readonly data: Dataset,
    private readonly set: 'test' | 'train',
    /** the example of the maps, 0-based in `data` */
    public example: number,
  ) {}

  /** The view of a network with recurrent or attention layers (undefined otherwise); `example` is kept across a Reset. */
  static of(spec: NetworkSpec, train: Dataset, test: Dataset | undefined, example = 0): TimeView | undefined {
    const layers = timeLayers(spec);
    if (!layers) return undefined;
    const { data, set } = shownSet(train, test);
    return new TimeView(spec, layers, data, set, Math.min(example, data.m - 1));
  }

  /** Show the maps of example `index`; a sentence when there is no such example. */
  choose(index: number): string | undefined {
    const problem = exampleProblem(this.data.m, this.set, index);
    if (!problem) this.example = index;
    return problem;
  }

  /** The chosen example's maps with `weights` (the trainer's copies), and its tokens when the axes can label every step. */
  snapshot(weights: WeightsValues): TimeSnapshot {
    const x = columns(this.data.X, [this.example]);
    const steps = this.spec.tokens?.T ?? this.spec.sequence?.T ?? 0;
    const { maps, omitted } = timeMaps(timeTraces(this.spec, weights, x, this.layers));
    const snapshot: TimeSnapshot = { example: this.example, set: this.set, steps, maps, omitted };
    if (this.spec.tokens && steps <= TIME_CELLS) snapshot.tokens = tokenLabels(x, 0, this.data.vocab);
    return snapshot;
  }
}
