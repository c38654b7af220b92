// The start of every one-network command (`nn train`, `nn gradcheck`, `nn shapes`): read FILE,
// check it, and choose the network `--network NAME` names, or else the file's first.

import { readRegularFile } from '../data/read';
import { analyze, type Diagnostic, type NetworkInfo } from '../language';
import { formatLine, unreadable } from './report';

/** The chosen network and its own diagnostics, or the line to print when there is none. */
export type ChosenNetwork = { network: NetworkInfo; own: Diagnostic[] } | { failure: string };

export function chooseNetwork(file: string, wanted: string | undefined): ChosenNetwork {
  let text: string;
  try {
    text = readRegularFile(file, 'source');
  } catch (e) {
    return { failure: formatLine(unreadable(file, e)) };
  }
  const analysis = analyze(text, { path: file });
  const network = wanted === undefined ? analysis.networks[0] : analysis.networks.find((n) => n.name === wanted);
  if (!network) {
    const names = analysis.networks.map((n) => n.name).join(', ');
    return { failure: wanted === undefined ? `${file}: no network in this file` : `${file}: no network named ${wanted} (the file has: ${names || 'none'})` };
  }
  // Only this network's diagnostics concern a command run on it; the other networks' are not its business.
  const own = analysis.diagnostics.filter((d) => d.range.start.line >= network.range.start.line && d.range.start.line <= network.range.end.line);
  return { network, own };
}
