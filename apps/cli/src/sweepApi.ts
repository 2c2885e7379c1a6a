// What `resnet sweep` uses of @resnet/sweep, by name: the handler loads this module, so a bundle of the CLI carries
// these and what they need, not the whole package (its namespace would keep every export).
export {
  parseArchs,
  parseAxes,
  parseDepths,
  parseSeeds,
  parseShard,
  resolveSweepOptions,
  runSweep,
  SHARD_INDEX_VARIABLES,
  shardFromEnv,
} from '@resnet/sweep';
