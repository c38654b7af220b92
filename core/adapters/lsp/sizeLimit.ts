// The CLI's limit for `.nn` files (8 MB, core/data/read.ts) in the editor: a bigger document is not
// analysed at all (a 50 MB one would take minutes and the server's whole heap, and with it every other
// document's language features). It gets one diagnostic on line 1, and requests on it get nothing.

import type { Diagnostic } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { LIMITS, tooBig } from '../../data/read';

const LIMIT = LIMITS.source;

export class SizeLimit {
  constructor(private readonly publish: (uri: string, version: number, diagnostics: Diagnostic[]) => void) {}

  /** Whether `doc` may be analysed; when it may not, publishes the one diagnostic that says why. */
  admits(doc: TextDocument): boolean {
    const bytes = size(doc);
    if (bytes === undefined) return true;
    const range = { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };
    const message = `this document is not checked: ${tooBig(bytes, 'source')}; hovers, completion and the other language features are off until it is smaller`;
    this.publish(doc.uri, doc.version, [{ range, message, severity: 1, source: 'nn', code: 'NN501' }]);
    return false;
  }

  /** `doc` when it is within the limit: a request on a bigger document gets the empty answer. */
  within(doc: TextDocument | undefined): TextDocument | undefined {
    return doc && size(doc) === undefined ? doc : undefined;
  }
}

/** The document's size in UTF-8 bytes (as the CLI reads the file) when it is over the limit, else undefined. */
function size(doc: TextDocument): number | undefined {
  const text = doc.getText();
  // A UTF-16 unit takes 1 to 3 bytes: most documents are decided without counting.
  if (text.length * 3 <= LIMIT) return undefined;
  const bytes = Buffer.byteLength(text, 'utf8');
  return bytes > LIMIT ? bytes : undefined;
}
