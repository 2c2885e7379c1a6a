import { resolveNetworkConfig } from './config.js';
import type { Network } from './network.js';
import { workspaceView, type Workspace } from './workspace.js';

/**
 * A shallower network of the same family as `net` (same arch and sizes), made of net's first layers
 * and its output layer, with a workspace sharing ws's buffers: one allocation serves every depth up
 * to net's. Drawing the view's weights fills exactly the layers it uses, in its own construction order.
 * Internal to the cell runner: the view's `weights` is its parent's array, not a contiguous copy.
 * `config` (resolved, of the same family at this depth) gives the view its own per-position settings.
 */
export function depthView(
  net: Network,
  ws: Workspace,
  depth: number,
  config = resolveNetworkConfig({ ...net.config, depth }),
): { net: Network; ws: Workspace } {
  const count = config.arch === 'plain' ? depth : 2 * depth + 2;
  const last = net.layers.length - 1;
  const indices = Array.from({ length: count }, (_, i) => (i === count - 1 ? last : i));
  const view: Network = { config, layers: indices.map((i) => net.layers[i]), weights: net.weights };
  return { net: view, ws: workspaceView(view, ws, indices) };
}
