import type { CommandModule } from 'yargs';

/** Each command's module, loaded only when that command runs (or when help or completion lists them all). */
const LOADERS: Record<string, () => Promise<CommandModule[]>> = {
  sweep: async () => [(await import('./sweepCommand.js')).sweepCommand],
  train: async () => [(await import('./trainCommand.js')).trainCommand],
  report: async () => [(await import('./reportCommand.js')).reportCommand],
  merge: async () => [(await import('./mergeCommand.js')).mergeCommand],
  reproduce: async () => [(await import('./reproduceCommand.js')).reproduceCommand],
  theory: async () => [(await import('./theoryCommand.js')).theoryCommand],
  patterns: async () => [(await import('./demoCommands.js')).patternsCommand],
  identity: async () => [(await import('./demoCommands.js')).identityCommand],
  explore: async () => [(await import('./exploreCommand.js')).exploreCommand],
};

/** The command words, as messages list them (`completion` is yargs' own). */
export const COMMANDS = [
  'sweep',
  'report',
  'merge',
  'reproduce',
  'patterns',
  'identity',
  'theory',
  'train',
  'explore',
  'completion',
];

/**
 * The commands to register for a command line whose first word is `word`: that command alone when it names one
 * (its options are all yargs needs, and the other commands' modules stay unread), none for `resnet --version`, else
 * every command in help order.
 */
export async function commandsFor(word: string | undefined): Promise<CommandModule[]> {
  // `resnet --version` alone prints the version and exits: no command is needed.
  if (word === '--version') return [];
  const load = word === undefined ? undefined : LOADERS[word];
  if (load) return load();
  return (await Promise.all(Object.values(LOADERS).map((l) => l()))).flat();
}
