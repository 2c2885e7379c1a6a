export { CellsFileError } from '../errors.js';
export { readCells, cellsFile } from './readCells.js';
export { readParquetCells } from './readParquetCells.js';
export { readJsonlCells } from './readJsonlCells.js';
export { NO_VALUES } from './cellRow.js';
export type { CellRow, CellAxisValues, OnCell, ReadCellsOptions, ReadCellsResult } from './cellRow.js';
export { folderGroups, type FolderGroup, type FolderGroups } from './folderGroups.js';
export { sweepFolderProblems } from './sweepFolderProblems.js';
