import { describe, expect, it } from 'vitest';
import type { NotificationChannelDto } from '@contract/alerts';
import {
  emptyChannelForm,
  formFromChannel,
  toCreateInput,
  toUpdateInput,
  validateChannelForm,
  type ChannelForm,
} from './channel-form';

const T = '2026-11-24T06:00:00.000Z';
const base = { name: 'Phone', enabled: true, events: [], createdAt: T, updatedAt: T };
const ntfy: NotificationChannelDto = {
  ...base,
  id: 'n1',
  kind: 'ntfy',
  url: 'https://ntfy.example.org/alerts/my-recorder',
  priority: 5,
  hasToken: true,
};
const email: NotificationChannelDto = {
  ...base,
  id: 'e1',
  kind: 'email',
  host: 'smtp.example.org',
  port: 587,
  security: 'starttls',
  username: 'rec',
  hasPassword: true,
  from: 'rec@example.org',
  to: ['me@example.org', 'you@example.org'],
};
const form = (patch: Partial<ChannelForm>): ChannelForm => ({ ...emptyChannelForm(), ...patch });

describe('channel form', () => {
  it('starts with every event but recording.completed, as the server would', () => {
    expect(emptyChannelForm().events).not.toContain('recording.completed');
    expect(emptyChannelForm().events).toContain('preflight.failed');
  });

  it('creates a webhook with its secret; the schema asks for one of 16 characters', () => {
    const typed = form({
      name: 'Hook',
      webhookUrl: 'https://hooks.example.org/x',
      secret: 'short',
    });
    expect(validateChannelForm(typed).secret).toMatch(/at least 16/);
    const sound = { ...typed, secret: 'sixteen characters!' };
    expect(validateChannelForm(sound)).toEqual({});
    expect(toCreateInput(sound)).toMatchObject({
      kind: 'webhook',
      url: 'https://hooks.example.org/x',
      secret: 'sixteen characters!',
    });
  });

  it('splits an ntfy URL into server and topic and joins them again', () => {
    const values = formFromChannel(ntfy);
    expect([values.ntfyServer, values.ntfyTopic, values.priority, values.token]).toEqual([
      'https://ntfy.example.org/alerts',
      'my-recorder',
      5,
      '',
    ]);
    // an untouched token is kept (left out); "remove" sends null
    expect(toUpdateInput(values, ntfy)).toEqual({
      id: 'n1',
      name: 'Phone',
      enabled: true,
      events: [],
      kind: 'ntfy',
      url: 'https://ntfy.example.org/alerts/my-recorder',
      priority: 5,
    });
    expect(toUpdateInput({ ...values, removeToken: true }, ntfy)).toMatchObject({ token: null });
    expect(validateChannelForm({ ...values, ntfyTopic: 'my.topic' }, ntfy).url).toMatch(/topic/);
  });

  it('keeps an e-mail password unless replaced or removed; recipients as typed text', () => {
    const values = formFromChannel(email);
    expect(values.to).toBe('me@example.org, you@example.org');
    const input = toUpdateInput(values, email);
    expect(input).not.toHaveProperty('password');
    expect(input).toMatchObject({ security: 'starttls', port: 587, to: values.to });
    expect(toUpdateInput({ ...values, password: 'new' }, email)).toMatchObject({
      password: 'new',
    });
    expect(validateChannelForm({ ...values, to: 'me@example.org; nobody' }, email).to).toMatch(
      /e-mail address/,
    );
  });

  it('a channel that becomes a webhook must give a secret (nothing stored to keep)', () => {
    const values = {
      ...formFromChannel(email),
      kind: 'webhook' as const,
      webhookUrl: 'https://h.example.org/',
    };
    expect(validateChannelForm(values, email).secret).toMatch(/at least 16/);
  });
});
