import { describe, expect, it, vi } from 'vitest';
import { useResourceForm } from './use-resource-form';

interface Thing {
  id: string;
  name: string;
}

function thingForm() {
  const create = vi.fn((values: { name: string }) => Promise.resolve({ id: 'new', ...values }));
  const update = vi.fn((values: { name: string }, t: Thing) =>
    Promise.resolve({ ...t, ...values }),
  );
  const editor = useResourceForm<Thing, { name: string }, 'name'>({
    fields: ['name'],
    depends: { name: ['name'] },
    empty: () => ({ name: '' }),
    formOf: (t) => ({ name: t.name }),
    validate: (values) => (values.name ? {} : { name: 'Enter a name.' }),
    create,
    update,
  });
  return { editor, create, update };
}

describe('useResourceForm', () => {
  it('opens a resource unchanged, and is dirty once something is typed', () => {
    const { editor } = thingForm();
    editor.open({ id: 't1', name: 'Old' });
    expect(editor.values.name).toBe('Old');
    expect(editor.existing.value?.id).toBe('t1');
    expect(editor.dirty.value).toBe(false);
    editor.values.name = 'New';
    expect(editor.dirty.value).toBe(true);
  });

  it('does not save with a problem; creates a new one, updates an existing one', async () => {
    const { editor, create, update } = thingForm();
    editor.open('new');
    await expect(editor.save()).resolves.toBeNull();
    expect(editor.form.errorOf('name')).toBe('Enter a name.');
    editor.values.name = 'A';
    await expect(editor.save()).resolves.toEqual({ id: 'new', name: 'A' });
    expect(create).toHaveBeenCalledOnce();
    expect(editor.dirty.value).toBe(false);
    editor.open({ id: 't1', name: 'B' });
    await editor.save();
    expect(update).toHaveBeenCalledWith({ name: 'B' }, { id: 't1', name: 'B' });
  });
});
