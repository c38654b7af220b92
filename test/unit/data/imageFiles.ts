// Image files for the tests, written by hand so every pixel's value is known: PNGs by pngjs in each
// colour type, and JPEGs whose 8×8 blocks are each one flat value (only the DC coefficient, with a
// quantization table of ones), which a decoder must give back exactly.

import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { PNG } from 'pngjs';

/** PNG colour types: 0 gray, 2 RGB, 4 gray + alpha, 6 RGBA. `samples` holds that many bytes per pixel. */
export function png(width: number, height: number, colorType: 0 | 2 | 4 | 6, samples: number[]): Buffer {
  const image = new PNG({ width, height, colorType, inputColorType: colorType, inputHasAlpha: colorType >= 4 });
  image.data = Buffer.from(samples);
  return PNG.sync.write(image, { colorType, inputColorType: colorType, inputHasAlpha: colorType >= 4 });
}

/**
 * A baseline JPEG of blocksHigh×blocksWide flat 8×8 blocks. `blocks[k]` is block k's value per
 * component (1 component: gray; 3: Y, Cb, Cr), blocks in raster order. `app` bytes, if given, go in
 * an APP1 segment before the frame header, as EXIF data does.
 */
export function jpeg(blocksHigh: number, blocksWide: number, blocks: number[][], app?: Buffer): Buffer {
  const nc = blocks[0].length;
  const out: number[] = [0xff, 0xd8];
  const segment = (marker: number, body: number[]) => out.push(0xff, marker, (body.length + 2) >> 8, (body.length + 2) & 0xff, ...body);
  if (app) segment(0xe1, [...app]);
  segment(0xdb, [0x00, ...new Array(64).fill(1)]);
  const comps = Array.from({ length: nc }, (_, i) => [i + 1, 0x11, 0]).flat();
  segment(0xc0, [8, (blocksHigh * 8) >> 8, (blocksHigh * 8) & 0xff, (blocksWide * 8) >> 8, (blocksWide * 8) & 0xff, nc, ...comps]);
  // DC table: categories 0…11, each a 4-bit code (0000 … 1011); AC table: only end-of-block, code 0.
  segment(0xc4, [0x00, 0, 0, 0, 12, ...new Array(12).fill(0), ...Array.from({ length: 12 }, (_, i) => i)]);
  segment(0xc4, [0x10, 1, ...new Array(15).fill(0), 0x00]);
  segment(0xda, [nc, ...Array.from({ length: nc }, (_, i) => [i + 1, 0x00]).flat(), 0, 63, 0]);
  const bits: number[] = [];
  const put = (value: number, n: number) => {
    for (let i = n - 1; i >= 0; i--) bits.push((value >> i) & 1);
  };
  const previous = new Array(nc).fill(0);
  for (const block of blocks) {
    block.forEach((v, c) => {
      const dc = 8 * (v - 128); // the DCT of a flat block of v − 128
      const diff = dc - previous[c];
      previous[c] = dc;
      const s = diff === 0 ? 0 : Math.floor(Math.log2(Math.abs(diff))) + 1;
      put(s, 4);
      put(diff >= 0 ? diff : diff + (1 << s) - 1, s);
      put(0, 1); // end of block
    });
  }
  while (bits.length % 8) bits.push(1);
  for (let i = 0; i < bits.length; i += 8) {
    const byte = bits.slice(i, i + 8).reduce((a, b) => (a << 1) | b, 0);
    out.push(byte);
    if (byte === 0xff) out.push(0x00);
  }
  out.push(0xff, 0xd9);
  return Buffer.from(out);
}

/** A temporary folder holding `files` (relative path → bytes); removed by the returned function. */
export function folder(files: Record<string, Buffer | string>): { root: string; remove: () => void } {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'nn-images-'));
  for (const [rel, bytes] of Object.entries(files)) {
    const file = path.join(root, rel);
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, bytes);
  }
  return { root, remove: () => fs.rmSync(root, { recursive: true, force: true }) };
}
