import { describe, expect, it } from 'vitest';
import { reactive } from 'vue';
import { ApiError } from '../api/api-error';
import { CHECK_FIELDS_MESSAGE, REFUSED_FIELD_MESSAGE, useForm } from './use-form';

type Field = 'name' | 'urls';

function setup() {
  const values = reactive({ name: '', urls: ['ok', ''] });
  const form = useForm<Field>({
    fields: ['name', 'urls'],
    problems: () => ({
      name: values.name ? undefined : 'Enter a name.',
      'urls.1': values.urls[1] ? undefined : 'Enter the URL.',
    }),
  });
  form.follow('name', () => values.name);
  form.follow('urls', () => JSON.stringify(values.urls));
  return { values, form };
}

const refusal = (field: string, message = `${field} is refused`) =>
  new ApiError('VALIDATION_FAILED', message, { field, status: 400 });

describe('useForm', () => {
  it('shows a problem once its field was changed or left, or after a save was tried', () => {
    const { values, form } = setup();
    expect(form.errorOf('name')).toBeUndefined();
    expect(form.hasProblems()).toBe(true);
    values.name = 'x';
    values.name = '';
    expect(form.errorOf('name')).toBe('Enter a name.');
    expect(form.errorOf('urls.1')).toBeUndefined();
    form.touch('urls.0');
    expect(form.errorOf('urls.1')).toBe('Enter the URL.');

    const fresh = setup().form;
    fresh.submitted.value = true;
    expect(fresh.errorOf('name')).toBe('Enter a name.');
  });

  it('leaving an input marks its field (by the test id of the input or its wrapper)', () => {
    const values = reactive({ name: '' });
    const form = useForm<'name'>({
      fields: ['name'],
      problems: () => ({ name: values.name ? undefined : 'Enter a name.' }),
      fieldsByTestId: { 'name-input': 'name' },
    });
    const left = (testId: string | null) =>
      ({
        target: { closest: () => (testId ? { getAttribute: () => testId } : null) },
      }) as unknown as FocusEvent;
    form.leave(left('other-input'));
    form.leave(left(null));
    form.leave({ target: null } as unknown as FocusEvent);
    expect(form.errorOf('name')).toBeUndefined();
    form.leave(left('name-input'));
    expect(form.errorOf('name')).toBe('Enter a name.');
  });

  it("puts the server's refusal on its field until that field changes", () => {
    const { values, form } = setup();
    values.name = 'taken';
    expect(form.refuse(refusal('urls.1', 'urls.1: not reachable'))).toBe('urls.1');
    expect(form.refuse(refusal('name'))).toBe('name');
    // in the forms' one voice: without the field's name, as a sentence
    expect(form.errorOf('urls.1')).toBe('Not reachable.');
    expect(form.errorOf('name')).toBe('Name is refused.');
    expect(form.formError.value).toBeNull();
    // another field changing keeps it; its own field changing takes it back
    values.urls = ['ok', 'https://x.example'];
    expect(form.errorOf('urls.1')).toBeUndefined();
    expect(form.errorOf('name')).toBe('Name is refused.');
    values.name = 'free';
    expect(form.errorOf('name')).toBeUndefined();
  });

  it('maps the names the server uses, words the message, and puts the rest above the form', () => {
    const { form } = setup();
    const key = form.refuse(refusal('title'), {
      fieldOf: (field) => (field === 'title' ? 'name' : null),
      message: (field, error) => `${field}: ${error.code}`,
    });
    expect(key).toBe('name');
    expect(form.errorOf('name')).toBe('name: VALIDATION_FAILED');
    expect(form.refuse(refusal('colour', 'No such field.'))).toBeNull();
    expect(form.formError.value).toBe('No such field.');
    expect(form.refuse(new Error('offline'))).toBeNull();
    expect(form.formError.value).toBe('offline');
  });

  it('places a refusal that names no field, and a refusal found in the browser, until the field changes', () => {
    const { values, form } = setup();
    const limited = new ApiError('RATE_LIMITED', 'Too many tries.', { status: 429 });
    expect(
      form.refuse(limited, { unnamed: (e) => (e.code === 'RATE_LIMITED' ? 'name' : null) }),
    ).toBe('name');
    expect(form.errorOf('name')).toBe('Too many tries.');
    expect(form.refuse(limited)).toBeNull();
    expect(form.formError.value).toBe('Too many tries.');
    values.name = 'x';
    expect(form.errorOf('name')).toBeUndefined();
    form.refuseField('urls.1', 'Enter it first.');
    expect(form.errorOf('urls.1')).toBe('Enter it first.');
    values.urls = ['ok', 'y'];
    expect(form.errorOf('urls.1')).toBeUndefined();
  });

  it('reset starts again, and what it loads marks nothing', () => {
    const { values, form } = setup();
    values.name = 'x';
    form.submitted.value = true;
    form.refuse(refusal('name'));
    form.formError.value = 'see below';
    form.reset(() => {
      values.name = '';
      values.urls = [''];
    });
    expect(form.touched.size).toBe(0);
    expect(form.submitted.value).toBe(false);
    expect(form.serverErrors.value).toEqual({});
    expect(form.formError.value).toBeNull();
    expect(form.errorOf('name')).toBeUndefined();
  });
  it('submit: one save at a time, none while the form has problems, a refusal on its field', async () => {
    const { values, form } = setup();
    let sends = 0;
    const send = async () => {
      sends++;
      return `saved ${values.name}`;
    };
    // the form's own problems: nothing is sent, every problem shows, and the form says so
    expect(await form.submit(() => form.hasProblems(), send)).toBeNull();
    expect(sends).toBe(0);
    expect(form.errorOf('name')).toBe('Enter a name.');
    expect(form.formError.value).toBe(CHECK_FIELDS_MESSAGE);

    values.name = 'Morning';
    values.urls[1] = 'ok';
    let release!: () => void;
    const slow = form.submit(
      () => false,
      () => new Promise<string>((resolve) => (release = () => resolve('first'))),
    );
    expect(form.saving.value).toBe(true);
    // a second save while the first is on its way does nothing
    expect(await form.submit(() => false, send)).toBeNull();
    expect(sends).toBe(0);
    release();
    expect(await slow).toBe('first');
    expect(form.saving.value).toBe(false);

    const refused = await form.submit(
      () => false,
      () => Promise.reject(refusal('name', 'Name is taken.')),
    );
    expect(refused).toBeNull();
    expect(form.errorOf('name')).toBe('Name is taken.');
    expect(form.formError.value).toBe(REFUSED_FIELD_MESSAGE);
    expect(form.saving.value).toBe(false);
    expect(await form.submit(() => false, send)).toBe('saved Morning');
  });
});
