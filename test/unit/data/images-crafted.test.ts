// A JPEG crafted against the header reader (issue 23): 3,000,000 empty four-byte segments before its
// frame header, 12 MB, under the 16 MB cap for image files. Read one segment per system call, it held
// the checker (and every request of the language server) for 17 s; it is refused from one read.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { MAX_HEADER_SEGMENTS } from '../../../core/data/imageFormat';
import { ImageFolderError, listImageFolder, loadImageFolder, summarizeImageFolder } from '../../../core/data/images';
import { folder, jpeg } from './imageFiles';

/** A valid 8×8 gray JPEG with `segments` empty COM segments (FF FE 00 02) between SOI and the rest. */
function crafted(segments: number): Buffer {
  const image = jpeg(1, 1, [[1]]);
  const filler = Buffer.alloc(4 * segments);
  for (let i = 0; i < filler.length; i += 4) filler.set([0xff, 0xfe, 0x00, 0x02], i);
  return Buffer.concat([image.subarray(0, 2), filler, image.subarray(2)]);
}

test('a 12 MB JPEG of 3,000,000 four-byte segments is refused (NN514 words), by the editor and by training', () => {
  const bytes = crafted(3_000_000);
  assert.ok(bytes.length > 12_000_000 && bytes.length < 16 * 1024 * 1024);
  const dir = folder({ 'a/1.jpg': bytes });
  try {
    const started = process.hrtime.bigint();
    assert.throws(() => summarizeImageFolder(listImageFolder(dir.root)), (e: unknown) => {
      assert.ok(e instanceof ImageFolderError, String(e));
      assert.equal(e.kind, 'image');
      assert.match(e.message, new RegExp(`/a/1\\.jpg: a JPEG file with more than ${MAX_HEADER_SEGMENTS} segments before its frame header \\(SOF\\)`));
      return true;
    });
    // For the report, not asserted: a time depends on the machine.
    process.stderr.write(`crafted JPEG judged in ${Number(process.hrtime.bigint() - started) / 1e6} ms\n`);
    assert.throws(() => loadImageFolder(dir.root, { n_H: 8, n_W: 8, n_C: 1 }), /more than \d+ segments before its frame header/);
  } finally {
    dir.remove();
  }
});

test('a JPEG with as many segments before its frame as the bound allows is still read', () => {
  // The test image has one segment (DQT) before its frame of its own.
  const dir = folder({ 'a/1.jpg': crafted(MAX_HEADER_SEGMENTS - 1) });
  try {
    const summary = summarizeImageFolder(listImageFolder(dir.root));
    assert.deepEqual(summary.shapes.map((s) => [s.height, s.width, s.channels]), [[8, 8, 1]]);
    assert.equal(loadImageFolder(dir.root, { n_H: 8, n_W: 8, n_C: 1 }).X.cols, 1);
  } finally {
    dir.remove();
  }
});
