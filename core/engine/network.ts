// The network of spec §5 and §9: each layer's named parameters (W[l], b[l], γ[l], …) and the
// gradients of the trained ones, and forward (with
// inverted dropout while training), cost and backward (with L2) and the optimizer's update, written
// as the course writes them. Arrays are indexed by l = 1…L (slot 0 is A[0] = X
// for activations and unused otherwise), so every line reads like its equation.
// A network owns every matrix it works on in the kernels' memory — its parameters, gradients,
// buffers and copies of data — and `dispose` gives them all back at once (matrix.ts `release`).

import type { Activation, LossName, NetworkSpec } from '../foundation/model';
import { inputShape, stepCount, type GroupPass, type LayerEngine, type LayerPass, type Shape } from '../layers';
import type { Kernels } from '../foundation/kernels';
import { DropoutMasks, keepProbs } from './dropout';
import { compileGraph, type Step } from './graph';
import type { NetworkParameters } from './init';
import { cost, outputGradient } from './losses';
import { inPlace, matrix, release, resident, stepsOf, view, type Matrix } from './matrix';
import { makeOptimizer, type Optimizer } from '../layers/optimizers';
import { defaultKernels } from './wasm';

/**
 * Per-example matrices for one batch of m examples, by slot (graph.ts: 0 is X, l is layer l, then
 * the groups' outputs): Z, A, dZ, dA are (n, m) for a vector slot and (m, n_H·n_W·n_C) for an
 * image-shaped one (layers/engine.ts). A[0] is X itself for a vector input, and Xᵀ, copied, for an
 * image input.
 */
export interface Buffers {
  /** the batch width these buffers hold */
  m: number;
  Z: Matrix[];
  A: Matrix[];
  dZ: Matrix[];
  dA: Matrix[];
  /**
   * For a slot that a layer's backward must add to (another reader wrote its gradient first): where
   * that layer writes its dA[in] before it is added. `none` elsewhere.
   */
  T: Matrix[];
  /**
   * For layers with keep_prob < 1, in training buffers only: D[l], the dropout mask, and
   * G[l] = g[l](Z[l]) before dropout (g′ of sigmoid and tanh is computed from it). `none` elsewhere.
   */
  D: Matrix[];
  G: Matrix[];
  /** each layer's own scratch matrices (conv2d: im2col's columns of a few examples and their gradient), sized for any m */
  S: Matrix[][];
  /** each layer's per-batch matrices (LayerEngine.perBatch), m examples wide */
  P: Matrix[][];
  /** whether the last forward pass on these buffers dropped units: backward then uses the same D[l] */
  masked: boolean;
  /** whether the last forward pass ran in training mode (network.forward) */
  training: boolean;
}

/** Examples per forward pass when predicting on an image or sequence input (see `predictInBlocks`). */
export const PREDICT_BLOCK = 256;

/**
 * Whether `predict` goes PREDICT_BLOCK examples at a time: for inputs whose layers hold many entries
 * per example — an image's volumes, a sequence's T steps (an attention layer keeps 7 (T·d, m)
 * matrices and α (m, h·T·T): 4 GB for the accuracy of 10,000 dates at once). A vector network's
 * layers are small, and predicting in one pass keeps its memory and speed as they were.
 */
export function predictsInBlocks(input: Shape): boolean {
  return input.kind !== 'vector';
}

/** An unused slot (plain memory: never released). */
const none: Matrix = { rows: 0, cols: 0, data: new Float64Array(0) };

export class Network {
  readonly L: number;
  /** per slot (0 is X, l is layer l, then the groups' outputs): entries per example (n[l], or n_H·n_W·n_C) */
  readonly n: number[];
  /** g of each slot (g[l] for layer l; linear for X, pools, flatten and concats) */
  readonly g: Activation[];
  /** what each layer l = 1…L runs (index 0 unused): its kind's engine part */
  readonly layers: LayerEngine[];
  /** whether a slot holds one example per row (image-shaped) */
  readonly byRows: boolean[];
  /** `predict` goes a block of examples at a time (`predictsInBlocks`) */
  private readonly inBlocks: boolean;
  /** whether a slot has a Z of its own */
  private readonly hasZ: boolean[];
  /** the tree as steps over the slots, in the order they run (graph.ts) */
  private readonly steps: Step[];
  readonly loss: LossName;
  /**
   * T when A[L] is a sequence (a per-step output, spec §14), else 1: the loss, its gradient and
   * accuracy then take each step's (n[L], m) block as the output of one course-1 network
   */
  readonly outputSteps: number;
  /** layer l's parameters by name, l = 1…L, and the gradients of those the optimizer trains (index 0: `{}`) */
  readonly theta: NetworkParameters;
  readonly dTheta: NetworkParameters;
  /** W[l], b[l], dW[l], db[l] of every layer: 0×0 for a layer without them */
  readonly W: Matrix[];
  readonly b: Matrix[];
  readonly dW: Matrix[];
  readonly db: Matrix[];
  /** keep_prob of layer l = 0…L (1: no dropout; always 1 for the output layer) */
  readonly keepProb: number[];
  /** λ of L2 (0: none) */
  readonly lambda: number;
  /** C of `clip C` (spec §14): every gradient entry is clipped to [−C, C] before the update; Infinity: none */
  readonly clip: number;
  /** every trained parameter, in order of l and then of the kind's list: the θ the optimizer updates, and their dθ in the same order */
  readonly params: Matrix[];
  readonly grads: Matrix[];
  /** the parameters L2 regularizes (W[l]) and their gradients, in the same order */
  private readonly regularized: Matrix[];
  private readonly regularizedGrads: Matrix[];
  readonly optimizer: Optimizer;
  /** the masks' generator, when some layer has dropout */
  private readonly dropout?: DropoutMasks;
  /** what `dispose` gives back; undefined once it has */
  private owned: Set<Matrix> | undefined = new Set();
  /** `predict`'s buffers, for the widest X so far, and its copy of an X from elsewhere */
  private predicting?: Buffers;
  private copied?: Matrix;
  /** A[L] of a blocked prediction (image inputs) */
  private predicted?: Matrix;

  /** Takes `params` over: they are released with the network. */
  constructor(spec: NetworkSpec, params: NetworkParameters, readonly k: Kernels = defaultKernels()) {
    const { layers, slots, steps } = compileGraph(spec);
    this.L = layers.length;
    this.layers = [undefined as unknown as LayerEngine, ...layers.map((layer) => layer.engine)];
    this.n = slots.map((slot) => slot.features);
    this.g = slots.map((slot) => slot.activation);
    this.byRows = slots.map((slot) => slot.byRows);
    this.inBlocks = predictsInBlocks(inputShape(spec));
    this.hasZ = slots.map((slot) => slot.hasZ);
    this.steps = steps;
    this.loss = spec.loss;
    this.outputSteps = stepCount(layers[layers.length - 1].output);
    this.theta = params;
    this.dTheta = [{}];
    this.params = [];
    this.grads = [];
    this.regularized = [];
    this.regularizedGrads = [];
    for (const { l, engine } of layers) {
      const gradients: Record<string, Matrix> = {};
      for (const { name, dims, trained, regularized } of engine.parameters) {
        const theta = params[l]?.[name];
        if (!theta || theta.rows !== dims[0] || theta.cols !== dims[1]) throw new Error(`${name}[${l}] must be a (${dims.join(', ')}) matrix`);
        this.own(theta);
        if (!trained) continue;
        const grad = (gradients[name] = this.matrix(...dims));
        this.params.push(theta);
        this.grads.push(grad);
        if (regularized) {
          this.regularized.push(theta);
          this.regularizedGrads.push(grad);
        }
      }
      this.dTheta.push(gradients);
    }
    const named = (all: NetworkParameters, name: string): Matrix[] => all.map((layer) => layer[name] ?? none);
    this.W = named(this.theta, 'W');
    this.b = named(this.theta, 'b');
    this.dW = named(this.dTheta, 'W');
    this.db = named(this.dTheta, 'b');
    this.keepProb = keepProbs(layers.map((layer) => ({ keepProb: layer.engine.keepProb })));
    this.lambda = spec.train.l2 ?? 0;
    this.clip = spec.train.clip ?? Infinity;
    this.optimizer = makeOptimizer(spec.train.optimizer, k, this.params, (rows, cols) => this.matrix(rows, cols));
    if (this.keepProb.some((P) => P < 1)) this.dropout = new DropoutMasks(spec.train.seed);
  }

  /** Buffers for batches of up to `m` examples; `withGradients` false for prediction only. */
  allocate(m: number, withGradients = true): Buffers {
    const { L, layers, n, byRows, hasZ, keepProb } = this;
    const sized = (s: number): Matrix => (byRows[s] ? this.matrix(m, n[s]) : this.matrix(n[s], m));
    const Z = [none], A = [byRows[0] ? sized(0) : none], dZ = [none], dA = [none], D = [none], G = [none], S: Matrix[][] = [[]], P: Matrix[][] = [[]];
    for (let s = 1; s < n.length; s++) {
      A.push(sized(s));
      Z.push(hasZ[s] ? sized(s) : A[s]);
      dA.push(withGradients ? sized(s) : none);
      dZ.push(withGradients && hasZ[s] ? sized(s) : dA[s]);
    }
    const T = n.map(() => none);
    for (const step of this.steps) {
      if (step.kind !== 'layer') continue;
      const { l, input } = step;
      D.push(withGradients && keepProb[l] < 1 ? sized(l) : none);
      G.push(withGradients && keepProb[l] < 1 ? sized(l) : none);
      S.push(layers[l].scratch(withGradients, input === 0).map(([rows, cols]) => this.matrix(rows, cols)));
      P.push((layers[l].perBatch ?? []).map(({ features, byRows: rows }) => (rows ? this.matrix(m, features) : this.matrix(features, m))));
      if (withGradients && step.dInput === 'add' && T[input] === none) T[input] = sized(input);
    }
    if (D.length !== L + 1) throw new Error('the steps must run layers 1…L in the order of l');
    return { m, Z, A, dZ, dA, T, D, G, S, P, masked: false, training: false };
  }

  /** `M` itself if the kernels work on it in place, else a copy there, released with the network. */
  resident(M: Matrix): Matrix {
    const copy = resident(M);
    return copy === M ? M : this.own(copy);
  }

  /** The first m columns' worth of `full`'s buffers (a smaller last mini-batch). */
  narrow(full: Buffers, m: number): Buffers {
    const first = (x: Matrix): Matrix => ({ rows: m, cols: x.cols, data: x.data.subarray(0, m * x.cols) });
    const cutOne = (x: Matrix, l: number): Matrix => (x === none ? x : this.byRows[l] ? first(x) : view(x, m));
    const cut = (ms: Matrix[]): Matrix[] => ms.map(cutOne);
    return {
      m, Z: cut(full.Z), A: cut(full.A), dZ: cut(full.dZ), dA: cut(full.dA), T: cut(full.T), D: cut(full.D), G: cut(full.G),
      S: full.S, P: full.P.map((ms, l) => ms.map((x, i) => (this.layers[l].perBatch![i].byRows ? first(x) : view(x, m)))),
      masked: false, training: false,
    };
  }

  /**
   * A[L] for the columns of X with the current weights, in buffers of its own sized for the widest
   * X so far (a narrower one uses their first columns), so the few widths a session asks for
   * (training set, test set, decision-boundary grid) allocate nothing after the first calls.
   * The result is valid until the next `predict`.
   */
  predict(X: Matrix): Matrix {
    if (this.inBlocks && X.cols > PREDICT_BLOCK) return this.predictInBlocks(X);
    return this.forward(this.input(X), this.predictionBuffers(X.cols));
  }

  /**
   * predict for an image or sequence input, PREDICT_BLOCK examples at a time: its buffers hold
   * n_H·n_W·n_C or T·n entries per example and layer (a 28×28 conv layer of 6 filters: 37 KB an
   * example, 370 MB for the accuracy of 10,000 digits), so only one block's worth is kept; A[L] is
   * gathered into a (n[L], m) matrix of its own. X's columns are examples either way (an image's
   * Xᵀ is made by `input`, per block).
   */
  private predictInBlocks(X: Matrix): Matrix {
    const m = X.cols, n0 = X.rows, nL = this.n[this.L];
    if (!this.predicted || this.predicted.cols < m) {
      if (this.predicted) this.releaseOwned(this.predicted);
      this.predicted = this.matrix(nL, m);
    }
    const out = view(this.predicted, m);
    if (!this.copied || this.copied.cols < PREDICT_BLOCK || this.copied.rows !== n0) {
      if (this.copied) this.releaseOwned(this.copied);
      this.copied = this.matrix(n0, PREDICT_BLOCK);
    }
    for (let j0 = 0; j0 < m; j0 += PREDICT_BLOCK) {
      const c = Math.min(PREDICT_BLOCK, m - j0);
      const x = view(this.copied, c);
      for (let i = 0; i < n0; i++) x.data.set(X.data.subarray(i * m + j0, i * m + j0 + c), i * c);
      const AL = this.forward(x, this.predictionBuffers(c));
      for (let i = 0; i < nL; i++) out.data.set(AL.data.subarray(i * c, (i + 1) * c), i * m + j0);
    }
    return out;
  }

  /** `predict`'s buffers for m examples: its own, for the widest m so far, narrowed. */
  private predictionBuffers(m: number): Buffers {
    let full = this.predicting;
    if (!full || full.m < m) {
      if (full) this.releaseBuffers(full);
      full = this.predicting = this.allocate(m, false);
    }
    return full.m === m ? full : this.narrow(full, m);
  }

  /** Gives back every matrix the network owns; it must not be used afterwards (it then throws). */
  dispose(): void {
    if (this.owned) release(...this.owned);
    this.owned = undefined;
  }

  /**
   * A[0] = X (transposed into (m, n[0]) for an image input), then each layer's forward pass for
   * l = 1…L (dense: Z[l] = W[l]·A[l−1] + b[l], A[l] = g[l](Z[l]); conv2d, pools, flatten: spec §8);
   * returns A[L]. `training` (a training step or gradient checking) runs the layers in training
   * mode (batch statistics, state updated); predicting and accuracy leave it false (evaluation).
   * `dropout` (a training step, in buffers from `allocate(m)`) applies inverted dropout:
   * A[l] = g[l](Z[l]) ⊙ D[l] / P with a fresh D[l]; gradient checking turns it off.
   */
  forward(X: Matrix, buffers: Buffers, training = false, dropout = training): Matrix {
    this.live();
    const { k, L, keepProb, layers } = this;
    const { A, D } = buffers;
    buffers.training = training;
    buffers.masked = dropout && this.dropout !== undefined;
    if (buffers.masked && D.every((M) => M === none)) throw new Error('a training pass with dropout needs buffers from allocate(m) with gradients');
    if (this.byRows[0]) k.transpose(A[0], X);
    else A[0] = X;
    const drop = (Dl: Matrix, P: number): void => this.dropout!.draw(Dl, P);
    for (const step of this.steps) {
      if (step.kind === 'group') step.engine.forward(this.groupPass(step, buffers, X.cols));
      else layers[step.l].forward(this.pass(step, buffers, X.cols), buffers.masked && keepProb[step.l] < 1 ? drop : undefined);
    }
    return A[L];
  }

  /** J of the last forward pass against Y, with L2's (λ/(2m))·Σ ‖θ‖²_F over the regularized θ (W[l]) when λ > 0 (m = Y's columns). */
  cost(buffers: Buffers, Y: Matrix): number {
    const J = this.lossCost(buffers, Y);
    if (this.lambda === 0) return J;
    let squares = 0;
    for (const theta of this.regularized) squares += this.k.sumSquares(theta);
    return J + (this.lambda / (2 * Y.cols)) * squares;
  }

  /**
   * The loss part of J alone, without L2's term (gradient checking takes the two apart). With a
   * per-step output, J = (1/m)·Σ_i Σ_t L: each step's block costs (1/m)·Σ_i L⟨t⟩, and they add up.
   */
  lossCost({ Z, A }: Buffers, Y: Matrix): number {
    const J = this.k.cost ?? cost, T = this.outputSteps;
    const Zs = stepsOf(Z[this.L], T), As = stepsOf(A[this.L], T), Ys = stepsOf(Y, T);
    let sum = 0;
    for (let t = 0; t < T; t++) sum += J(this.loss, Zs[t], As[t], Ys[t]);
    return sum;
  }

  /**
   * dZ[L] from the loss, then each layer's backward pass for l = L…1 (dense: dZ[l] = dA[l] ⊙
   * g[l]′(Z[l]) (after D[l] / P if the forward pass dropped units of layer l), dW[l] = (1/m)·dZ[l]·A[l−1]ᵀ
   * (+ (λ/m)·W[l] with L2), db[l] = (1/m)·Σ dZ[l], and for l > 1: dA[l−1] = W[l]ᵀ·dZ[l]; conv2d,
   * pools, flatten: spec §8); then L2's dθ += (λ/m)·θ for every regularized θ.
   */
  backward(buffers: Buffers, Y: Matrix): void {
    this.live();
    const { k, g, L, lambda, keepProb, layers } = this;
    const { Z, A, dZ, dA, masked } = buffers;
    const m = Y.cols;
    const T = this.outputSteps, [Zs, As, Ys, dAs, dZs] = [Z[L], A[L], Y, dA[L], dZ[L]].map((M) => stepsOf(M, T));
    for (let t = 0; t < T; t++) outputGradient(k, this.loss, g[L], Zs[t], As[t], Ys[t], dAs[t], dZs[t]);
    for (let i = this.steps.length - 1; i >= 0; i--) {
      const step = this.steps[i];
      if (step.kind === 'group') {
        step.engine.backward(this.groupPass(step, buffers, m));
        continue;
      }
      const { l, input, dInput } = step;
      layers[l].backward(this.pass(step, buffers, m), l === L, masked && keepProb[l] < 1);
      if (dInput === 'add') k.axpy(dA[input], 1, buffers.T[input]); // a gradient another reader of A[in] wrote first
    }
    if (lambda !== 0) this.regularized.forEach((theta, i) => k.axpy(this.regularizedGrads[i], lambda / m, theta));
  }

  /**
   * Layer l's matrices for a pass over m examples: A[in] is its input slot's (A[l−1] in a straight
   * network); dA[in] is undefined for X, and T[in] when another reader wrote dA[in] first.
   */
  private pass({ l, input, dInput }: Extract<Step, { kind: 'layer' }>, { Z, A, dZ, dA, T, D, G, S, P, training }: Buffers, m: number): LayerPass {
    return {
      k: this.k, m, theta: this.theta[l], dTheta: this.dTheta[l], training,
      W: this.W[l], b: this.b[l], dW: this.dW[l], db: this.db[l],
      Aprev: A[input], Z: Z[l], A: A[l], dZ: dZ[l], dA: dA[l], dAprev: dInput === 'none' ? undefined : dInput === 'add' ? T[input] : dA[input],
      D: D[l], G: G[l], scratch: S[l], batch: P[l],
    };
  }

  /** A group's matrices for a pass over m examples. */
  private groupPass({ slot, parts, dParts }: Extract<Step, { kind: 'group' }>, { Z, A, dZ, dA }: Buffers, m: number): GroupPass {
    return {
      k: this.k, m, parts: parts.map((s) => A[s]), Z: Z[slot], A: A[slot], dZ: dZ[slot], dA: dA[slot],
      dParts: parts.map((s, i) => (dParts[i] === 'none' ? undefined : { dA: dA[s], add: dParts[i] === 'add' })),
    };
  }

  /**
   * The optimizer's update of every trained parameter θ from its dθ with rate α, at update t = 1, 2, …;
   * with `clip C`, each entry of every dθ (L2's term included) is first clipped to [−C, C], as the
   * dinosaur assignment's clip() does before its update.
   */
  update(alpha: number, t: number): void {
    this.live();
    if (this.clip !== Infinity) for (const grad of this.grads) clipEntries(grad, this.clip);
    this.optimizer.update(this.params, this.grads, alpha, t);
  }

  /** X, or its columns copied into the kernels' memory when X lives elsewhere (e.g. a grid of inputs). */
  private input(X: Matrix): Matrix {
    if (inPlace(X)) return X;
    if (!this.copied || this.copied.cols < X.cols) {
      if (this.copied) this.releaseOwned(this.copied);
      this.copied = this.matrix(X.rows, X.cols);
    }
    const x = view(this.copied, X.cols);
    x.data.set(X.data.subarray(0, X.rows * X.cols));
    return x;
  }

  private matrix(rows: number, cols: number): Matrix {
    return this.own(matrix(rows, cols));
  }

  private own(M: Matrix): Matrix {
    this.live().add(M);
    return M;
  }

  private releaseBuffers({ Z, A, dZ, dA, T, D, G, S, P }: Buffers): void {
    for (const M of new Set([...Z, ...A, ...dZ, ...dA, ...T, ...D, ...G, ...S.flat(), ...P.flat()])) if (M !== none) this.releaseOwned(M);
  }

  private releaseOwned(M: Matrix): void {
    if (this.live().delete(M)) release(M);
  }

  private live(): Set<Matrix> {
    if (!this.owned) throw new Error('this network has been disposed: its memory has been given back');
    return this.owned;
  }
}

/** Every entry of M clipped to [−C, C] in place (NaN stays NaN). A pass over the gradients once a step, cheap beside the products that made them. */
function clipEntries(M: Matrix, C: number): void {
  const d = M.data;
  for (let p = 0, n = M.rows * M.cols; p < n; p++) {
    if (d[p] > C) d[p] = C;
    else if (d[p] < -C) d[p] = -C;
  }
}
