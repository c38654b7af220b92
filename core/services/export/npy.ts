// An image folder's examples as one NumPy .npy file the exported script reads with np.load
// (spec §10: the script needs torch and numpy only, so it cannot decode PNG or JPEG itself). Rows
// are examples: the n[0] pixels in (h, w, c) order, then the class index. When every pixel is
// exactly k/255 (8-bit images without conversion) the file holds the bytes k (uint8) and the script
// divides by 255 as the editor did; otherwise float64.

import type { Matrix } from '../../foundation/matrix';

/** The .npy bytes (format 1.0) of the (m, n[0] + 1) table of X (n[0], m) and the labels. */
export function examplesNpy(X: Matrix, labels: Int32Array): Uint8Array {
  const { rows: n, cols: m } = X;
  const bytes = X.data.every((x) => Number.isInteger(x * 255) && (x * 255) / 255 === x) && labels.every((c) => c < 256);
  const width = n + 1;
  const body = new Uint8Array(m * width * (bytes ? 1 : 8));
  const view = new DataView(body.buffer);
  for (let j = 0; j < m; j++) {
    for (let f = 0; f <= n; f++) {
      const value = f < n ? X.data[f * m + j] : labels[j];
      const at = j * width + f;
      if (bytes) body[at] = f < n ? Math.round(value * 255) : value;
      else view.setFloat64(at * 8, value, true);
    }
  }
  let header = `{'descr': '${bytes ? '|u1' : '<f8'}', 'fortran_order': False, 'shape': (${m}, ${width}), }`;
  // magic (6) + version (2) + length (2) + header, padded with spaces and a newline to a multiple of 64
  header += ' '.repeat(63 - ((10 + header.length) % 64)) + '\n';
  const out = new Uint8Array(10 + header.length + body.length);
  out.set([0x93, ...Array.from('NUMPY', (c) => c.charCodeAt(0)), 1, 0, header.length & 0xff, header.length >> 8]);
  out.set(Array.from(header, (c) => c.charCodeAt(0)), 10);
  out.set(body, 10 + header.length);
  return out;
}
