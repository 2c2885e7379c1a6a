export { CellsFileError } from './cellsFileError.js';
