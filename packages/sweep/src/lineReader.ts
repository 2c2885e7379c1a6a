import { closeSync, openSync, readSync } from 'node:fs';
import { StringDecoder } from 'node:string_decoder';

/** Reads a text file line by line (without the newline) through a fixed-size buffer. */
export class LineReader {
  private readonly fd: number;
  private readonly chunk = Buffer.alloc(1 << 20);
  private readonly decoder = new StringDecoder('utf8');
  private lines: string[] = [];
  private at = 0;
  private rest = '';
  private eof = false;

  constructor(readonly path: string) {
    this.fd = openSync(path, 'r');
  }

  /** The next line, or null at the end of the file. */
  next(): string | null {
    while (this.at === this.lines.length) {
      if (this.eof) return null;
      this.fill();
    }
    return this.lines[this.at++]!;
  }

  /** Closes the file. */
  close(): void {
    closeSync(this.fd);
  }

  private fill(): void {
    const n = readSync(this.fd, this.chunk, 0, this.chunk.length, null);
    let text = this.rest + (n > 0 ? this.decoder.write(this.chunk.subarray(0, n)) : this.decoder.end());
    if (n === 0) {
      this.eof = true;
      this.lines = text === '' ? [] : [text];
    } else {
      const cut = text.lastIndexOf('\n');
      this.rest = text.slice(cut + 1);
      text = cut < 0 ? '' : text.slice(0, cut);
      this.lines = cut < 0 ? [] : text.split('\n');
    }
    this.at = 0;
  }
}
