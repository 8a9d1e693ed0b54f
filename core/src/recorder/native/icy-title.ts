const utf8 = new TextDecoder('utf-8', { fatal: true });
const latin1 = new TextDecoder('latin1');

/** A metadata block's text: UTF-8 when it is valid UTF-8, else Latin-1; trailing NULs dropped. */
export function decodeIcyText(block: Uint8Array): string {
  let end = block.length;
  while (end > 0 && block[end - 1] === 0) end--;
  const bytes = block.subarray(0, end);
  try {
    return utf8.decode(bytes);
  } catch {
    return latin1.decode(bytes);
  }
}

/**
 * The `StreamTitle` of an ICY metadata block (`StreamTitle='Artist - Song';StreamUrl='';`), as
 * sent (not cleaned: see cleanTrackTitle), or undefined when the block has none. A quote inside
 * the title is kept: the value ends at the first `';` (or the block's end).
 */
export function streamTitleOf(block: Uint8Array): string | undefined {
  const text = decodeIcyText(block);
  const start = text.indexOf("StreamTitle='");
  if (start < 0) return undefined;
  const from = start + "StreamTitle='".length;
  const end = text.indexOf("';", from);
  if (end >= 0) return text.slice(from, end);
  return text.slice(from).replace(/'$/, '');
}
