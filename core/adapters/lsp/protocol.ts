// The server's own messages beyond the protocol, for the VS Code extension (other clients ignore them).

import type { NetworkInfo } from '../../language/api';

/** Request `nn/networks`: the checker's networks of an open document, as last analysed at `version`. */
export const NETWORKS = 'nn/networks';
export interface NetworksParams {
  uri: string;
}
export interface NetworksResult {
  /** the document version they belong to; undefined when the document is not open in the server */
  version?: number;
  networks: NetworkInfo[];
}

/** Notification `nn/didAnalyze` (server → client): a document was analysed anew. */
export const DID_ANALYZE = 'nn/didAnalyze';
export interface DidAnalyzeParams {
  uri: string;
  version: number;
}

/** Notification `nn/trust` (client → server): the workspace became trusted (or not). */
export const TRUST = 'nn/trust';
export interface TrustParams {
  trusted: boolean;
}

/** What a client may say in `initializationOptions`. */
export interface InitializationOptions {
  /** whether files outside the workspace may be read (default true: editors without workspace trust) */
  trusted?: boolean;
  /** the client shows VS Code's `$(icon)` syntax in code lens titles */
  codicons?: boolean;
}

/**
 * The Node options the server process runs with: each keystroke's analysis of a big file allocates
 * tens of MB that die at once, and with Node's default young generation (16 MB) the scavenger took
 * about half the server's CPU time on the 1,000-layer file (test/bench/lsp.mjs: 26 ms of CPU per
 * change, 16 ms with 32 MB). V8 reads them only at start, so the process is started with them.
 */
export const SERVER_NODE_OPTIONS = ['--max-semi-space-size=32'];
