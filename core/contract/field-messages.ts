// How a form says what is wrong with one of its fields: one voice for every form of the UI
// (issue 15 item 6, "the same wording"). The contract's schemas say a rule as a phrase after the
// field's name ("must be a whole number from 1 to 1440", "has 6 fields: ..."), which the API
// answers as `field: phrase`. Under a field, where the label already names it, the UI says:
//
// - a value left empty: what to do, "Enter a name." (the form names the value: FieldWords.enter);
// - any other rule: the contract's phrase as a sentence, "Must be a whole number from 1 to 1440.";
//   a phrase that needs its subject ("has 6 fields", "is not a valid URL") gets the field's
//   (FieldWords.subject, else "This value"): "The cron expression has 6 fields: ...";
// - the server's refusal of a field: its message without the field's name, the same way.
//
// Pure: the renderer's forms and the contract's tests use it.

/** How a form names one of its fields in its messages. */
export interface FieldWords {
  /** What to type or pick when it is empty, after "Enter": "a name", "the stream URL". */
  enter?: string;
  /** The field as the subject of a phrase that needs one: "The cron expression". */
  subject?: string;
}

/** A zod issue as far as its wording needs it (parse with `{ reportInput: true }`). */
export interface FieldIssue {
  message: string;
  input?: unknown;
}

const SUBJECTLESS = /^(has|is|are|was|needs|contains|holds|looks|does)\b/;

/** `text` as a sentence: its first letter capitalised, a full stop at its end. */
export function asSentence(text: string): string {
  const trimmed = text.trim();
  if (trimmed === '') return trimmed;
  const capital = trimmed.charAt(0).toUpperCase() + trimmed.slice(1);
  return /[.!?]$/.test(capital) ? capital : `${capital}.`;
}

/** The message of a required value left empty: "Enter a name." */
export function enterMessage(what: string): string {
  return asSentence(`Enter ${what}`);
}

/**
 * A rule of the contract as said under its field: "must be at most 100 characters" → "Must be
 * at most 100 characters."; a phrase that needs a subject gets one ("has 6 fields ..." → "The
 * cron expression has 6 fields ...").
 */
export function ruleMessage(problem: string, subject = 'This value'): string {
  const phrase = problem.trim();
  return asSentence(SUBJECTLESS.test(phrase) ? `${subject} ${phrase}` : phrase);
}

/** True when the issue is about a value that is missing: empty text or list, null or nothing. */
export function isMissingIssue(issue: FieldIssue): boolean {
  if (!('input' in issue)) return false;
  const { input } = issue;
  if (input === undefined || input === null) return true;
  if (typeof input === 'string') return input.trim() === '';
  return Array.isArray(input) && input.length === 0;
}

/**
 * The one message of a field's zod issue: "Enter <what>." when the value is missing and the
 * form says what it asks for, else the rule's words (ruleMessage).
 */
export function issueMessage(issue: FieldIssue, words: FieldWords = {}): string {
  if (words.enter && isMissingIssue(issue)) return enterMessage(words.enter);
  return ruleMessage(issue.message, words.subject);
}

/**
 * The server's refusal of `field` as said under that field: its message without the field's
 * name (`port: must be ...` → "Must be ..."), in the same voice as the form's own checks.
 */
export function refusalMessage(
  field: string | undefined,
  message: string,
  subject?: string,
): string {
  const prefix = field ? `${field}: ` : '';
  const rest = prefix && message.startsWith(prefix) ? message.slice(prefix.length) : message;
  return ruleMessage(rest, subject);
}

/**
 * Why `message` is not in the forms' one voice, or null when it is. A message under a field is
 * a sentence (a capital first, a full stop last) that neither names the field as the API does
 * (`port:`, `durationMinutes`) nor puts the field's label before a rule ("The duration must
 * ..."): a rule starts with "Must"; an empty required value is asked for ("Enter ...",
 * "Choose ..."), never "Must not be empty"; zod's own words ("Invalid input: expected ...") are
 * never shown.
 */
export function fieldMessageStyleProblem(message: string): string | null {
  if (!/^["“A-Z0-9]/.test(message)) return 'does not start with a capital letter';
  if (!/[.!?]$/.test(message)) return 'does not end with a full stop';
  if (/^[\w.]+: /.test(message)) return 'starts with the name of a field';
  if (/\b[a-z]{2,}[A-Z][a-z]/.test(message)) return 'names a field as the API does';
  if (/\bmust\b/.test(message) && !/^Must\b/.test(message)) return 'puts a subject before "must"';
  if (/^Must not be empty\b|\bis required\b/.test(message)) return 'says "empty" instead of asking';
  if (/^Invalid (input|option)\b|\bexpected \w+, received\b/.test(message)) {
    return "uses the schema library's own words";
  }
  return null;
}
