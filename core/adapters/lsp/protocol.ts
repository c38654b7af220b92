// The server's own messages beyond the protocol, for the VS Code extension (other clients ignore
// them), typed in this one place as rust-analyzer's editors/code/src/lsp_ext.ts types its own: the
// server answers with `answer`/`listen`, the extension asks with `ask`/`tell`, and the compiler holds
// both sides to one method name and one shape of params and result. No runtime import, so the
// extension bundle takes nothing of the server with it.

import type { NetworkInfo } from '../../language/api';
import type { DiagramData } from '../../services/format/shapesJson';

/** A request `method` whose params are P and result R (the types exist only for the compiler). */
export interface Request<P, R> {
  readonly method: string;
  readonly types?: (params: P) => R;
}

/** A notification `method` whose params are P. */
export interface Notification<P> {
  readonly method: string;
  readonly types?: (params: P) => void;
}

// The methods the language client and the server's connection both offer (vscode-languageclient,
// vscode-languageserver); what registering returns (a Disposable) is handed back to the caller.

export function ask<P, R>(peer: { sendRequest(method: string, params: P): Promise<unknown> }, request: Request<P, R>, params: P): Promise<R> {
  return peer.sendRequest(request.method, params) as Promise<R>;
}

export function answer<P, R, D>(peer: { onRequest(method: string, handler: (params: P) => R): D }, request: Request<P, R>, handler: (params: P) => R): D {
  return peer.onRequest(request.method, handler);
}

export function tell<P>(peer: { sendNotification(method: string, params: P): Promise<void> }, notification: Notification<P>, params: P): Promise<void> {
  return peer.sendNotification(notification.method, params);
}

export function listen<P, D>(peer: { onNotification(method: string, handler: (params: P) => void): D }, notification: Notification<P>, handler: (params: P) => void): D {
  return peer.onNotification(notification.method, handler);
}

/** Request `nn/networks`: the checker's networks of an open document, as last analysed at `version`. */
export const NETWORKS: Request<NetworksParams, NetworksResult> = { method: 'nn/networks' };
export interface NetworksParams {
  uri: string;
}
export interface NetworksResult {
  /** the document version they belong to; undefined when the document is not open in the server */
  version?: number;
  networks: NetworkInfo[];
}

/**
 * Request `nn/shapes`: the `nn shapes` table (Show Shapes) and `nn shapes --json` (the network
 * diagram) of the network of an open document that is named, else around `position` (0-based, as
 * LSP counts), else the first; as last analysed at `version`. No `network` when there is none such.
 */
export const SHAPES: Request<ShapesParams, ShapesResult> = { method: 'nn/shapes' };
export interface ShapesParams {
  uri: string;
  name?: string;
  position?: { line: number; character: number };
}
export interface ShapesResult extends Partial<DiagramData> {
  version?: number;
  network?: string;
  table?: string;
}

/** Notification `nn/didAnalyze` (server → client): a document was analysed anew. */
export const DID_ANALYZE: Notification<DidAnalyzeParams> = { method: 'nn/didAnalyze' };
export interface DidAnalyzeParams {
  uri: string;
  version: number;
}

/** Notification `nn/trust` (client → server): the workspace became trusted (or not). */
export const TRUST: Notification<TrustParams> = { method: 'nn/trust' };
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
