// The session's view of a network with an image input: which layers the panel draws, the grid of
// examples it shows and the example whose feature maps it shows (`showExample`). The session asks
// it for a ConvSnapshot with each throttled W/b snapshot.

import type { Dataset } from '../../data/dataset';
import type { WeightsValues } from '../../data/weights';
import type { Matrix } from '../../engine/matrix';
import type { NetworkSpec } from '../../foundation/model';
import type { ConvSnapshot, ImageGrid } from '../protocol';
import { exampleProblem, shownSet } from './oneExample';
import { classes, columns, convLayout, featureMaps, filtersOf, gridIndices, hasClasses, imageGrid, type ConvLayout } from './convSnapshot';

export class ConvView {
  /** the grid's examples as columns, for their predictions */
  private readonly gridX: Matrix;

  private constructor(
    private readonly spec: NetworkSpec,
    private readonly layout: ConvLayout,
    /** the set the grid and the maps show: the test set when there is one */
    private readonly data: Dataset,
    readonly images: ImageGrid,
    /** the example of the feature maps, 0-based in `data` */
    public example: number,
  ) {
    this.gridX = columns(data.X, images.indices);
  }

  /** The view of a network with an image input (undefined otherwise); `example` is kept across a Reset. */
  static of(spec: NetworkSpec, train: Dataset, test: Dataset | undefined, example = 0): ConvView | undefined {
    const layout = convLayout(spec);
    if (!layout || !spec.image) return undefined;
    const { data, set } = shownSet(train, test);
    const images = imageGrid(data, set, spec.image, gridIndices(data.m));
    return new ConvView(spec, layout, data, images, Math.min(example, data.m - 1));
  }

  /** Show the maps of example `index`; a sentence when there is no such example. */
  choose(index: number): string | undefined {
    const problem = exampleProblem(this.data.m, this.images.set, index);
    if (!problem) this.example = index;
    return problem;
  }

  /** The filters of `weights` (the trainer's copies), the chosen example's maps and the grid's predicted classes. */
  snapshot(weights: WeightsValues, predict: (X: Matrix) => Matrix): ConvSnapshot {
    const x = columns(this.data.X, [this.example]);
    return {
      filters: this.layout.filters.map(({ l, shape }) => filtersOf(l, shape, weights[`W${l}`])),
      example: this.example,
      set: this.images.set,
      maps: featureMaps(this.spec, this.layout, weights, x),
      predicted: hasClasses(this.spec.loss) ? classes(predict(this.gridX)) : undefined,
    };
  }
}
