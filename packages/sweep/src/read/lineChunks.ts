import { open } from 'node:fs/promises';

/** Initial read size; a buffer grows only to hold a line longer than it. */
const CHUNK = 1 << 20;

/**
 * Streams a text file's lines as byte ranges of a reused buffer: onLine(buf, start, end, lineNumber) with end
 * excluding the newline. Never holds more than one chunk plus the longest line. Returns the count of complete
 * lines and whether bytes follow the last newline (a cut-short file; that partial line is not passed on).
 */
export async function eachLine(
  file: string,
  onLine: (buf: Buffer, start: number, end: number, line: number) => void,
): Promise<{ lines: number; unterminated: boolean }> {
  const fh = await open(file, 'r');
  try {
    let buf = Buffer.allocUnsafe(CHUNK);
    let have = 0;
    let line = 0;
    for (;;) {
      const { bytesRead } = await fh.read(buf, have, buf.length - have, null);
      have += bytesRead;
      const view = buf.subarray(0, have);
      let s = 0;
      for (let nl = view.indexOf(10, s); nl >= 0; nl = view.indexOf(10, s)) {
        onLine(view, s, nl, ++line);
        s = nl + 1;
      }
      if (bytesRead === 0) {
        return { lines: line, unterminated: s < have };
      }
      buf.copy(buf, 0, s, have);
      have -= s;
      if (have === buf.length) {
        const grown = Buffer.allocUnsafe(2 * buf.length);
        buf.copy(grown, 0, 0, have);
        buf = grown;
      }
    }
  } finally {
    await fh.close();
  }
}
