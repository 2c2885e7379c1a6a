export { EXPLORER_HTML, readExplorerHtml, writeExplorer } from './explorerFile.js';
export { explorerCsp } from './build/pageShell.js';
