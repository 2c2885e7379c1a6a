import { describe, expect, it } from 'vitest';
import { decodeBase64 } from '../../packages/core/src/base64.js';

describe('decodeBase64', () => {
  it('gives the bytes Node encoded, for every length mod 3 and every byte value', () => {
    const all = Uint8Array.from({ length: 256 }, (_, i) => i);
    for (let n = 0; n <= 258; n++) {
      const bytes = Uint8Array.from({ length: n }, (_, i) => all[(i * 97 + n) % 256]);
      const text = Buffer.from(bytes).toString('base64');
      expect(Buffer.from(decodeBase64(text)).equals(Buffer.from(bytes))).toBe(true);
      expect(Buffer.from(decodeBase64(text.replace(/=+$/, ''))).equals(Buffer.from(bytes))).toBe(true);
    }
  });
});
