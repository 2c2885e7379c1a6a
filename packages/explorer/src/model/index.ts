// The page's DOM-free logic, for tests and tools: what the page computes, as plain functions.
export { GRID_FLAGS, TRAIN_FLAGS, GRID_DEFAULTS, TRAIN_DEFAULTS, stateToHash, hashToState } from './flags.js';
export type { ExplorerState, GridFlag, TrainFlag, Tab } from './flags.js';
export { gridFromFlags, MAX_PAGE_CELLS, type PageGrid } from './grid.js';
export { pageSummary, type Summary } from './summary.js';
export { seriesOf, type Series } from './series.js';
export { theoryFor, type TheoryLine, type SeriesTheory } from './theory.js';
export { ProfileStore, band, type Band } from './profile.js';
export { encodeSplit, decodeSplit, limitSplit, type SplitData } from '../compute/mnistFormat.js';
export { TrainSession, type SessionHost } from '../compute/trainSession.js';
export { runGridTask, layoutOf, groupsAtDepth } from '../compute/gridTask.js';
export type { GridTask, GridResult, ProfileChunk, TrainStart, TrainProgress } from '../compute/messages.js';
