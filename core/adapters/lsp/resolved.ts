// The networks of the `nn/networks` answer: the checker's NetworkInfos with the memory footprint of
// each one that resolved, so the extension shows it without importing the engine. Counted here, on
// request (once per document version, the extension caches the answer), not on every keystroke's
// analysis: only a network with a spec needs it.

import type { NetworkInfo } from '../../language/api';
import { checkedFootprint, describeNeed } from '../../language/memory';

export function resolvedNetworks(networks: readonly NetworkInfo[]): NetworkInfo[] {
  return networks.map((info) => {
    if (!info.spec || !info.layers.length) return info;
    const estimate = checkedFootprint(info.layers, info.spec.train, info.m);
    return { ...info, footprint: { bytes: estimate.bytes, need: describeNeed(estimate) } };
  });
}
