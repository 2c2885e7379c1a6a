let bytes: Promise<Uint8Array> | null = null;

/** The embedded digits' bytes (mnistFormat.ts), inflated once from the page's base64 block with DecompressionStream. */
export function embeddedDigits(): Promise<Uint8Array> {
  bytes ??= (async () => {
    const text = (document.getElementById('mnist-digits')?.textContent ?? '').trim();
    if (text === '') throw new Error('this page has no embedded digits');
    const binary = atob(text);
    const deflated = new Uint8Array(binary.length);
    for (let i = 0; i < binary.length; i++) deflated[i] = binary.charCodeAt(i);
    const stream = new Blob([deflated]).stream().pipeThrough(new DecompressionStream('deflate-raw'));
    return new Uint8Array(await new Response(stream).arrayBuffer());
  })();
  return bytes;
}
