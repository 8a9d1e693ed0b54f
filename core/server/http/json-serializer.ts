// Characters that could let a JSON answer be read as HTML or break out of a script context if a
// client ever embedded it: escaped as \uXXXX, which every JSON parser reads back unchanged.
const UNSAFE = /[<>&\u2028\u2029]/g;

const escape = (char: string) => `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`;

/** JSON.stringify with `<`, `>`, `&`, U+2028 and U+2029 escaped: data stays data. */
export function serializeJson(payload: unknown): string {
  const text = JSON.stringify(payload);
  return text === undefined ? 'null' : text.replace(UNSAFE, escape);
}
