import type { Argv } from 'yargs';

interface UsageInternals {
  cacheHelpMessage?: () => void;
}
interface YargsInternals {
  getInternalMethods?: () => { getUsageInstance?: () => UsageInternals };
}

/**
 * Stops yargs from rendering the command's whole help text each time a handler starts (it keeps it to show
 * if the handler fails, which our .fail() never asks for): ~30 ms of string layout at every `resnet sweep`.
 * Help asked for (--help) is rendered as before. A yargs without this internal is left as it is.
 */
export function quietHelpCache<T extends Argv>(y: T): T {
  const usage = (y as unknown as YargsInternals).getInternalMethods?.().getUsageInstance?.();
  if (usage && typeof usage.cacheHelpMessage === 'function') usage.cacheHelpMessage = () => undefined;
  return y;
}
