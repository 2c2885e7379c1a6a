import { replayNotebook, type NotebookReplay } from '@resnet/core';

let replay: NotebookReplay | undefined;

/** The notebook replay behind the patterns and identity figures: deterministic, so computed once per process. */
export function notebookReplay(): NotebookReplay {
  replay ??= replayNotebook();
  return replay;
}
