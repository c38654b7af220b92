// Image folders (spec §8 "Data"): one subfolder per class, classes sorted by name and numbered from
// 0, PNG and JPEG files in them. The editor checks a folder from its listing and each file's header
// (ImageFolderSummary); training decodes every file into X (n_H·n_W·n_C, m), features in (h, w, c)
// row-major order. Both name the first bad file, relative to the folder's parent ("train/3/17.png").

import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Volume } from '../foundation/model';
import { matrix, type Matrix } from '../foundation/matrix';
import { placeOf, type Reach } from './paths';
import { decodeImage, HEADER_BYTES, ImageError, readHeader, writePixels, type ImageHeader } from './imageFormat';
import { FileError, MAX_IMAGES, readBinaryFile, reason, refusal } from './read';

/** Files with these endings are images; others (README, .DS_Store, labels.txt) are ignored. */
const IMAGE_FILE = /\.(png|jpe?g)$/i;

export interface ClassFolder {
  /** the subfolder's name: the class's name */
  name: string;
  /** the image files' names, sorted */
  files: string[];
  mtimeMs: number;
}

/** A folder's classes and files, from its listing alone: cheap enough for every keystroke. */
export interface ImageListing {
  folder: string;
  mtimeMs: number;
  classes: ClassFolder[];
  /** number of images, over all classes */
  count: number;
  /** the first class folder or image that a symbolic link leads outside the reach to (read, with a warning) */
  outside?: string;
}

/**
 * A folder that cannot be used (kind 'folder': missing, empty, a class without images, too many
 * files), one of its images (kind 'image': unreadable, not PNG or JPEG, damaged, the wrong size), or
 * a symbolic link in it to a class folder or image outside an untrusted workspace (kind 'denied').
 * `unquoted` says the same without a name found in the folder, for a folder outside the workspace.
 */
export class ImageFolderError extends Error {
  readonly unquoted: string;

  constructor(message: string, readonly kind: 'folder' | 'image' | 'denied', readonly file?: string, unquoted?: string) {
    super(message);
    this.name = 'ImageFolderError';
    this.unquoted = unquoted ?? message;
  }
}

/** Sorting by UTF-16 code units, as Python's sorted() (and so torchvision's ImageFolder) does: no locale. */
const byName = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/**
 * The classes (non-hidden subfolders, sorted by name) and their image files (sorted by name).
 * Throws ImageFolderError when the folder is missing or not a folder, has no class subfolder, a
 * class has no image, or there are more than MAX_IMAGES files — or, given a `reach` that denies
 * them, when a symbolic link leads to a class folder or an image outside it (paths.ts, placeOf).
 */
export function listImageFolder(folder: string, reach?: Reach): ImageListing {
  let stat: fs.Stats;
  let entries: fs.Dirent[];
  try {
    stat = fs.statSync(folder);
    if (!stat.isDirectory()) throw new ImageFolderError(`${folder} is not a folder: image data is a folder with one subfolder per class`, 'folder');
    entries = fs.readdirSync(folder, { withFileTypes: true });
  } catch (e) {
    throw e instanceof ImageFolderError ? e : new ImageFolderError(`cannot read the image folder ${folder}: ${reason(e)}`, 'folder');
  }
  const dirs = entries.filter((e) => !e.name.startsWith('.') && isFolder(folder, e)).sort((a, b) => byName(a.name, b.name));
  if (dirs.length === 0) throw new ImageFolderError(`the image folder ${folder} has no class subfolders: put each class's images in a subfolder of its own (e.g. 0/, 1/, …)`, 'folder');
  const some = `a class folder of ${shown(folder)}`;
  let count = 0;
  let outside: string | undefined;
  // Only a symbolic link can lead out of a folder: each is judged by the reach before it is read.
  const follow = (entry: fs.Dirent, dir: string, ...parts: string[]): void => {
    if (!reach || !entry.isSymbolicLink()) return;
    const place = placeOf(path.join(dir, entry.name), reach);
    if (place === 'denied') {
      throw new ImageFolderError(`${shown(folder, ...parts)} is a symbolic link to outside ${reach.name}, and this workspace is not trusted: it is not read (trust the workspace, or copy the files into it)`,
        'denied', path.join(dir, entry.name), `${some} links to outside ${reach.name}, and this workspace is not trusted: it is not read`);
    }
    if (place === 'outside') outside ??= shown(folder, ...parts);
  };
  const classes = dirs.map((entry): ClassFolder => {
    const name = entry.name;
    const dir = path.join(folder, name);
    follow(entry, folder, name);
    let files: fs.Dirent[];
    let mtimeMs: number;
    try {
      mtimeMs = fs.statSync(dir).mtimeMs;
      files = fs.readdirSync(dir, { withFileTypes: true }).filter((f) => !f.name.startsWith('.') && IMAGE_FILE.test(f.name)).sort((a, b) => byName(a.name, b.name));
    } catch (e) {
      throw new ImageFolderError(`cannot read the class folder ${shown(folder, name)}: ${reason(e)}`, 'folder', dir, `cannot read ${some}: ${reason(e)}`);
    }
    if (files.length === 0) throw new ImageFolderError(`the class folder ${shown(folder, name)} has no PNG or JPEG file`, 'folder', dir, `${some} has no PNG or JPEG file`);
    for (const f of files) follow(f, dir, name, f.name);
    count += files.length;
    if (count > MAX_IMAGES) throw new ImageFolderError(`the image folder ${folder} has more than ${MAX_IMAGES} images, the limit for image folders (see docs/limits.md)`, 'folder');
    return { name, files: files.map((f) => f.name), mtimeMs };
  });
  return { folder, mtimeMs: stat.mtimeMs, classes, count, outside };
}

function isFolder(folder: string, e: fs.Dirent): boolean {
  if (e.isDirectory()) return true;
  if (!e.isSymbolicLink()) return false;
  try {
    return fs.statSync(path.join(folder, e.name)).isDirectory();
  } catch {
    return false;
  }
}

/** A file as messages name it: from the image folder's own name, e.g. `train/3/17.png`. */
export function shown(folder: string, ...parts: string[]): string {
  return [path.basename(path.resolve(folder)), ...parts].join('/');
}

/** Two listings with the same folders, files and folder mtimes: the editor's cache key. */
export function sameListing(a: ImageListing, b: ImageListing): boolean {
  return a.folder === b.folder && a.mtimeMs === b.mtimeMs && a.outside === b.outside && a.classes.length === b.classes.length &&
    a.classes.every((c, i) => {
      const d = b.classes[i];
      return c.name === d.name && c.mtimeMs === d.mtimeMs && c.files.length === d.files.length && c.files.every((f, j) => f === d.files[j]);
    });
}

/** Each distinct image shape of a folder, with the first file (in example order) that has it. */
export interface ShapeGroup {
  height: number;
  width: number;
  channels: 1 | 3;
  /** the first file with this shape, e.g. `train/3/17.png` */
  first: string;
  /** its example index: groups are sorted by it */
  index: number;
}

/** What the checker needs to know of a folder, from headers only. */
export interface ImageFolderSummary {
  listing: ImageListing;
  shapes: ShapeGroup[];
}

/** Reads every file's header (not its pixels). Throws ImageFolderError naming the first unreadable file. */
export function summarizeImageFolder(listing: ImageListing): ImageFolderSummary {
  const shapes: ShapeGroup[] = [];
  forEachFile(listing, (file, name, index) => {
    const h = header(file, name);
    if (!shapes.some((s) => s.height === h.height && s.width === h.width && s.channels === h.channels)) {
      shapes.push({ height: h.height, width: h.width, channels: h.channels, first: name, index });
    }
  });
  return { listing, shapes };
}

function forEachFile(listing: ImageListing, visit: (file: string, name: string, index: number, label: number) => void): void {
  let index = 0;
  listing.classes.forEach((c, label) => {
    for (const f of c.files) visit(path.join(listing.folder, c.name, f), shown(listing.folder, c.name, f), index++, label);
  });
}

function header(file: string, name: string): ImageHeader {
  let fd: number | undefined;
  try {
    const why = refusal(fs.statSync(file), 'image');
    if (why) throw new FileError(why);
    fd = fs.openSync(file, fs.constants.O_RDONLY | fs.constants.O_NONBLOCK);
    const stat = fs.fstatSync(fd);
    const why2 = refusal(stat, 'image');
    if (why2) throw new FileError(why2);
    // One read of the first bytes, whatever the file holds (imageFormat.ts, HEADER_BYTES).
    const buffer = Buffer.alloc(Math.min(stat.size, HEADER_BYTES));
    return readHeader(buffer.subarray(0, fs.readSync(fd, buffer, 0, buffer.length, 0)));
  } catch (e) {
    const why = e instanceof ImageError || e instanceof FileError ? e.message : reason(e);
    throw new ImageFolderError(`${name}: ${why}`, 'image', file, `an image of ${name.slice(0, name.indexOf('/'))}: ${why}`);
  } finally {
    if (fd !== undefined) fs.closeSync(fd);
  }
}

/** Image folders give one channel (gray) or three (RGB). */
export function channelsFit(n_C: number): n_C is 1 | 3 {
  return n_C === 1 || n_C === 3;
}

/**
 * Why an image of this shape does not fit the input volume, or undefined when it does. Colour
 * images become gray (luma) for n_C = 1; a gray image for n_C = 3 is refused: copying one channel
 * into three would hide a folder that mixes the two.
 */
export function misfit(image: { height: number; width: number; channels: 1 | 3 }, input: Volume): string | undefined {
  const tuple = `(${input.n_H}, ${input.n_W}, ${input.n_C})`;
  if (image.height !== input.n_H || image.width !== input.n_W) {
    return `is ${image.height}×${image.width} pixels (height × width), but input ${tuple} needs ${input.n_H}×${input.n_W}`;
  }
  if (input.n_C === 3 && image.channels === 1) return `is grayscale, but input ${tuple} needs colour (RGB) images`;
  return undefined;
}

/** The first file whose shape does not fit the input, with the reason. */
export function firstMisfit(summary: ImageFolderSummary, input: Volume): { file: string; why: string } | undefined {
  for (const s of summary.shapes) {
    const why = misfit(s, input);
    if (why) return { file: s.first, why };
  }
  return undefined;
}

export interface ImageData {
  /** (n_H·n_W·n_C, m), one image per column, pixels in [0, 1] */
  X: Matrix;
  /** each example's class, 0 … classes − 1 */
  labels: Int32Array;
  /** the class names (subfolders), in label order */
  classes: string[];
}

/** Decodes every image of the folder; throws ImageFolderError naming the first bad file. */
export function loadImageFolder(folder: string, input: Volume): ImageData {
  const n_C = input.n_C;
  if (!channelsFit(n_C)) throw new ImageFolderError(channelMessage(input), 'folder');
  const listing = listImageFolder(folder);
  const m = listing.count;
  const X = matrix(input.n_H * input.n_W * n_C, m);
  const labels = new Int32Array(m);
  forEachFile(listing, (file, name, j, label) => {
    let bytes: Uint8Array;
    try {
      bytes = readBinaryFile(file, 'image');
    } catch (e) {
      throw new ImageFolderError(`${name}: ${(e as Error).message}`, 'image', file);
    }
    let image;
    try {
      image = decodeImage(bytes);
    } catch (e) {
      throw new ImageFolderError(`${name}: ${(e as Error).message}`, 'image', file);
    }
    const why = misfit(image, input);
    if (why) throw new ImageFolderError(`${name} ${why}`, 'image', file);
    writePixels(image, n_C, X.data, m, j);
    labels[j] = label;
  });
  return { X, labels, classes: listing.classes.map((c) => c.name) };
}

export function channelMessage(input: Volume): string {
  return `image folders give 1 channel (grayscale) or 3 (RGB), but input (${input.n_H}, ${input.n_W}, ${input.n_C}) has n_C = ${input.n_C}`;
}
