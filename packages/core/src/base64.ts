const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';

/** The bytes of a base64 text (standard alphabet, optional `=` padding), as the generated *Bytes.ts modules embed them. */
export function decodeBase64(text: string): Uint8Array {
  // Core runs in workers, Node and browsers and is typed without the DOM (no atob) or Node: decode by hand, once.
  const digit = new Uint8Array(128);
  for (let i = 0; i < ALPHABET.length; i++) digit[ALPHABET.charCodeAt(i)] = i;
  const chars = text.replace(/=+$/, '');
  const out = new Uint8Array(Math.floor((chars.length * 6) / 8));
  let bits = 0;
  let acc = 0;
  let o = 0;
  for (let i = 0; i < chars.length; i++) {
    acc = (acc << 6) | digit[chars.charCodeAt(i)];
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out[o++] = acc >> bits;
      acc &= (1 << bits) - 1;
    }
  }
  return out;
}
