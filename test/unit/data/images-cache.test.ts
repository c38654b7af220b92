// The editor's image-folder cache (extension/files.ts): headers are read again only when the
// folder's listing changes, or when the watcher forgets the folder.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { ImageFolderSummary } from '../../../core/data/images';
import { CachedFiles } from '../../../core/adapters/lsp/files';
import { folder, png } from './imageFiles';

test('an image folder is summarised once, again when a file is added, and again when forgotten', () => {
  const dir = folder({ 'a/1.png': png(2, 1, 0, [1, 2]), 'b/1.png': png(2, 1, 0, [3, 4]) });
  try {
    const files = new CachedFiles();
    const read = new Set<string>();
    const access = files.access(read);
    const first = access.readImageFolder!(dir.root) as ImageFolderSummary;
    assert.equal(first.listing.count, 2);
    assert.deepEqual(first.shapes.map((s) => [s.height, s.width]), [[1, 2]]);
    assert.deepEqual([...read], [dir.root]);

    // Rewritten in place (no folder mtime or name changes): the cached summary is served, no header is read.
    fs.writeFileSync(path.join(dir.root, 'b', '1.png'), 'no longer an image');
    assert.equal(access.readImageFolder!(dir.root), first);

    // A file added: the listing differs, so the headers are read again (and meet the broken file).
    fs.writeFileSync(path.join(dir.root, 'a', '2.png'), png(3, 1, 0, [1, 2, 3]));
    const again = access.readImageFolder!(dir.root);
    assert.ok(again instanceof Error);
    assert.match(again.message, /\/b\/1\.png: not a PNG or JPEG file$/);

    // The watcher forgets the folder when anything in it changes: the repair is seen at once.
    fs.writeFileSync(path.join(dir.root, 'b', '1.png'), png(2, 1, 0, [3, 4]));
    files.forget(dir.root);
    const fixed = access.readImageFolder!(dir.root) as ImageFolderSummary;
    assert.equal(fixed.listing.count, 3);
    assert.deepEqual(fixed.shapes.map((s) => [s.height, s.width, s.first.replace(/^[^/]+\//, '')]), [[1, 2, 'a/1.png'], [1, 3, 'a/2.png']]);

    // A class folder removed, then the whole folder: each is noticed without a forget.
    fs.rmSync(path.join(dir.root, 'b'), { recursive: true });
    assert.equal((access.readImageFolder!(dir.root) as ImageFolderSummary).listing.classes.length, 1);
    dir.remove();
    assert.match((access.readImageFolder!(dir.root) as Error).message, /cannot read the image folder .*: no such file/);
  } finally {
    dir.remove();
  }
});
