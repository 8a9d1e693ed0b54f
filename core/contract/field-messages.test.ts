import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import {
  asSentence,
  enterMessage,
  fieldMessageStyleProblem,
  isMissingIssue,
  issueMessage,
  refusalMessage,
  ruleMessage,
} from './field-messages';
import { requiredText } from './operations/common';

describe('field messages', () => {
  it('says a rule as a sentence, giving a subject to a phrase that needs one', () => {
    expect(ruleMessage('must be a whole number from 1 to 1440')).toBe(
      'Must be a whole number from 1 to 1440.',
    );
    expect(ruleMessage('has 6 fields: use 5', 'The cron expression')).toBe(
      'The cron expression has 6 fields: use 5.',
    );
    expect(ruleMessage('is not a valid URL')).toBe('This value is not a valid URL.');
    expect(ruleMessage('"file:" URLs are not allowed')).toBe('"file:" URLs are not allowed.');
    expect(asSentence('Done already.')).toBe('Done already.');
  });

  it('asks for a required value left empty, and says the rule otherwise', () => {
    const schema = z.object({ name: requiredText(5) });
    const issueOf = (name: unknown) =>
      schema.safeParse({ name }, { reportInput: true }).error!.issues[0]!;
    expect(isMissingIssue(issueOf('  '))).toBe(true);
    expect(isMissingIssue(issueOf(undefined))).toBe(true);
    expect(isMissingIssue({ message: 'needs at least one address', input: [] })).toBe(true);
    expect(isMissingIssue({ message: 'must be at most 5 characters' })).toBe(false);
    expect(issueMessage(issueOf(''), { enter: 'a name' })).toBe('Enter a name.');
    expect(issueMessage(issueOf('far too long'), { enter: 'a name' })).toBe(
      'Must be at most 5 characters.',
    );
    expect(enterMessage('the stream URL')).toBe('Enter the stream URL.');
  });

  it("says the server's refusal of a field without the field's name", () => {
    expect(refusalMessage('port', 'port: must be a whole number from 1 to 65535')).toBe(
      'Must be a whole number from 1 to 65535.',
    );
    expect(refusalMessage('fallbackUrls.1', 'fallbackUrls.1: is not a valid URL')).toBe(
      'This value is not a valid URL.',
    );
    expect(refusalMessage('currentPassword', 'The password is wrong.')).toBe(
      'The password is wrong.',
    );
    expect(refusalMessage(undefined, 'name: taken')).toBe('Name: taken.');
  });

  it('tells a message in the one voice from a stray one', () => {
    for (const good of [
      'Enter a name.',
      'Must be a whole number from 1 to 100.',
      'The cron expression has 6 fields: use the 5 fields (e.g. "0 6 * * 1-5").',
      'Choose the stream to record.',
    ]) {
      expect(fieldMessageStyleProblem(good), good).toBeNull();
    }
    expect(fieldMessageStyleProblem('must not be empty')).toMatch(/capital/);
    expect(fieldMessageStyleProblem('Must not be empty')).toMatch(/full stop/);
    expect(fieldMessageStyleProblem('Must not be empty.')).toMatch(/asking/);
    expect(fieldMessageStyleProblem('Port: must be a port.')).toMatch(/name of a field/);
    expect(fieldMessageStyleProblem('Give privateKey or privateKeyPath.')).toMatch(/API/);
    expect(fieldMessageStyleProblem('The duration must be a whole number.')).toMatch(/subject/);
    expect(fieldMessageStyleProblem('Invalid input: expected boolean, received null.')).toMatch(
      /library/,
    );
  });
});
