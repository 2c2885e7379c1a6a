import { open } from 'node:fs/promises';
import { crc } from '../folder/checksum.js';

/** Initial read size; a buffer grows only to hold a line longer than it. */
const CHUNK = 1 << 20;

/**
 * Streams a text file's lines as byte ranges of a reused buffer: onLine(buf, start, end, lineNumber) with end
 * excluding the newline. Never holds more than one chunk plus the longest line. Returns the count of complete
 * lines, whether bytes follow the last newline (a cut-short file; that partial line is not passed on), and
 * the file's size and, with `onSize` (which sees the size before any line is read), its crc32 (else 0).
 */
export async function eachLine(
  file: string,
  onLine: (buf: Buffer, start: number, end: number, line: number) => void,
  onSize?: (size: number) => void,
): Promise<{ lines: number; unterminated: boolean; size: number; crc32: number }> {
  const fh = await open(file, 'r');
  try {
    onSize?.((await fh.stat()).size);
    let buf = Buffer.allocUnsafe(CHUNK);
    let have = 0;
    let line = 0;
    let size = 0;
    let sum = 0;
    for (;;) {
      const { bytesRead } = await fh.read(buf, have, buf.length - have, null);
      if (onSize) sum = crc(buf.subarray(have, have + bytesRead), sum); // only a checked read pays for it
      size += bytesRead;
      have += bytesRead;
      const view = buf.subarray(0, have);
      let s = 0;
      for (let nl = view.indexOf(10, s); nl >= 0; nl = view.indexOf(10, s)) {
        onLine(view, s, nl, ++line);
        s = nl + 1;
      }
      if (bytesRead === 0) {
        return { lines: line, unterminated: s < have, size, crc32: sum >>> 0 };
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
