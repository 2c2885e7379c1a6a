import type { Argv, CommandModule } from 'yargs';

/** A command whose handler receives its own typed arguments (yargs' inferred types stay inside the builder). */
export interface CommandDefinition<A> {
  command: string;
  describe: string;
  builder: (y: Argv) => Argv<unknown>;
  handler: (argv: A) => Promise<void> | void;
}

/** Adapts a typed command definition to yargs' CommandModule, in one place. */
export function defineCommand<A>(definition: CommandDefinition<A>): CommandModule {
  return definition as unknown as CommandModule;
}
