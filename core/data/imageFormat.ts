// One PNG or JPEG file: its header (size and colour, read from the first bytes without decoding,
// so the editor can check a folder of thousands of images on a keystroke) and its pixels (decoded by
// pngjs and jpeg-js). The format is told by the file's first bytes, not by its name.

import { PNG } from 'pngjs';
import * as jpeg from 'jpeg-js';

export interface ImageHeader {
  format: 'png' | 'jpeg';
  width: number;
  height: number;
  /** 1 for grayscale (with or without alpha), 3 for colour (RGB, palette, CMYK) */
  channels: 1 | 3;
}

/** An image whose header or pixels cannot be read; the message is fit to show after the file's name. */
export class ImageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ImageError';
  }
}

/**
 * Bounds on a JPEG's segments before its frame header. Real files have a few (APP0, EXIF in APP1 of at
 * most 64 KB, an ICC profile in up to 255 APP2 segments, DQT, DHT, a comment): a reader takes the
 * file's first HEADER_BYTES in one read and judges them in memory; a file that needs more is refused,
 * not followed segment by segment (3,000,000 empty segments held the editor for 17 s).
 */
export const HEADER_BYTES = 1024 * 1024;
export const MAX_HEADER_SEGMENTS = 1000;

const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
const NOT_AN_IMAGE = 'not a PNG or JPEG file';

/**
 * The header of a PNG (its IHDR chunk, bytes 8–28) or a JPEG (its SOF segment, found by skipping
 * the segments before it by their lengths: EXIF and ICC data can take many kilobytes), from the
 * file's first bytes: its first HEADER_BYTES or more (the whole file).
 */
export function readHeader(bytes: Uint8Array): ImageHeader {
  if (PNG_SIGNATURE.every((b, i) => bytes[i] === b)) return pngHeader(bytes.subarray(0, 33));
  if (bytes[0] === 0xff && bytes[1] === 0xd8) return jpegHeader(bytes.subarray(0, HEADER_BYTES));
  throw new ImageError(NOT_AN_IMAGE);
}

function pngHeader(b: Uint8Array): ImageHeader {
  const view = new DataView(b.buffer, b.byteOffset, b.byteLength);
  if (b.length < 26 || String.fromCharCode(...b.subarray(12, 16)) !== 'IHDR') throw new ImageError('a PNG file without its IHDR header: the file is cut short or damaged');
  const width = view.getUint32(16);
  const height = view.getUint32(20);
  const colorType = b[25];
  if (width === 0 || height === 0) throw new ImageError(`a PNG file of ${height}×${width} pixels: an image needs at least one`);
  // Colour types 0 (gray) and 4 (gray + alpha) are grayscale; 2 (RGB), 3 (palette), 6 (RGBA) colour.
  if (![0, 2, 3, 4, 6].includes(colorType)) throw new ImageError(`a PNG file of unknown colour type ${colorType}: the file is damaged`);
  return { format: 'png', width, height, channels: colorType === 0 || colorType === 4 ? 1 : 3 };
}

/** Frame markers that jpeg-js decodes: baseline, extended and progressive Huffman coding. */
const DECODED_FRAMES = [0xc0, 0xc1, 0xc2];
/** The other start-of-frame markers (C4 DHT, C8 JPG and CC DAC are not frames). */
const OTHER_FRAMES = [0xc3, 0xc5, 0xc6, 0xc7, 0xc9, 0xca, 0xcb, 0xcd, 0xce, 0xcf];

function jpegHeader(bytes: Uint8Array): ImageHeader {
  let pos = 2;
  for (let segments = 0; ; segments++) {
    if (segments > MAX_HEADER_SEGMENTS) throw new ImageError(`a JPEG file with more than ${MAX_HEADER_SEGMENTS} segments before its frame header (SOF): not read (see docs/limits.md)`);
    const b = bytes.subarray(pos, pos + 10);
    if (b.length < 4) break;
    if (b[0] !== 0xff) throw new ImageError('a JPEG file with a damaged header (a segment does not start with 0xFF)');
    const marker = b[1];
    if (marker === 0xff) {
      pos += 1; // fill byte
      continue;
    }
    if (marker === 0x01 || (marker >= 0xd0 && marker <= 0xd7)) {
      pos += 2; // segments without a length
      continue;
    }
    if (marker === 0xda || marker === 0xd9) throw new ImageError('a JPEG file without a frame header (SOF) before its image data');
    const length = (b[2] << 8) | b[3];
    if (length < 2) throw new ImageError('a JPEG file with a damaged header (a segment of length < 2)');
    if (DECODED_FRAMES.includes(marker) || OTHER_FRAMES.includes(marker)) {
      if (b.length < 10) break;
      if (OTHER_FRAMES.includes(marker)) throw new ImageError('a lossless, hierarchical or arithmetic-coded JPEG: only baseline and progressive JPEG files are read');
      const height = (b[5] << 8) | b[6];
      const width = (b[7] << 8) | b[8];
      const components = b[9];
      if (width === 0 || height === 0) throw new ImageError(`a JPEG file of ${height}×${width} pixels: an image needs at least one`);
      if (![1, 3, 4].includes(components)) throw new ImageError(`a JPEG file with ${components} colour components: only 1 (gray), 3 (colour) or 4 (CMYK) are read`);
      return { format: 'jpeg', width, height, channels: components === 1 ? 1 : 3 };
    }
    pos += 2 + length;
  }
  if (bytes.length === HEADER_BYTES) throw new ImageError(`a JPEG file whose segments before its frame header (SOF) take more than ${HEADER_BYTES / 1024 / 1024} MB: not read (see docs/limits.md)`);
  throw new ImageError('a JPEG file cut short before its frame header (SOF)');
}

export interface DecodedImage extends ImageHeader {
  /** 8-bit RGBA, row-major: pixel (h, w) at 4·(h·width + w); grayscale images have R = G = B */
  rgba: Uint8Array;
}

/** Caps that keep a hostile file from taking the process's memory (jpeg-js checks them before allocating). */
const MAX_MEGAPIXELS = 64;

/** The file's pixels; throws ImageError when the header or the data is damaged or unsupported. */
export function decodeImage(bytes: Uint8Array): DecodedImage {
  const header = readHeader(bytes);
  if (header.width * header.height > MAX_MEGAPIXELS * 1e6) throw new ImageError(`${header.width}×${header.height} pixels is more than the ${MAX_MEGAPIXELS}-megapixel limit`);
  try {
    if (header.format === 'png') {
      const png = PNG.sync.read(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength));
      return { ...header, rgba: new Uint8Array(png.data.buffer, png.data.byteOffset, png.data.byteLength) };
    }
    const image = jpeg.decode(bytes, { useTArray: true, formatAsRGBA: true, tolerantDecoding: false, maxResolutionInMP: MAX_MEGAPIXELS, maxMemoryUsageInMB: 1024 });
    return { ...header, rgba: image.data };
  } catch (e) {
    throw new ImageError(`the ${header.format === 'png' ? 'PNG' : 'JPEG'} data cannot be decoded (${String((e as Error).message ?? e).split('\n')[0]})`);
  }
}

/** ITU-R BT.601 luma, as PIL's convert('L') and OpenCV's RGB2GRAY compute it. */
export const LUMA = [0.299, 0.587, 0.114] as const;

/**
 * Writes the image's pixels scaled to [0, 1] as n_C = 1 or 3 channels in (h, w, c) row-major order,
 * value k at out[k·stride + offset] (a column of X when stride is m). Alpha is dropped; colour
 * becomes luma for one channel, and a grayscale image keeps its exact values.
 */
export function writePixels(image: DecodedImage, n_C: 1 | 3, out: Float64Array, stride: number, offset: number): void {
  const { rgba } = image;
  const pixels = image.width * image.height;
  for (let p = 0; p < pixels; p++) {
    const r = rgba[4 * p], g = rgba[4 * p + 1], b = rgba[4 * p + 2];
    if (n_C === 3) {
      out[(3 * p) * stride + offset] = r / 255;
      out[(3 * p + 1) * stride + offset] = g / 255;
      out[(3 * p + 2) * stride + offset] = b / 255;
    } else {
      out[p * stride + offset] = image.channels === 1 ? r / 255 : (LUMA[0] * r + LUMA[1] * g + LUMA[2] * b) / 255;
    }
  }
}
