import { computed, reactive, ref, shallowRef } from 'vue';
import { useForm, type FieldMessages } from '../../composables/use-form';

/** What a resource's form is made of (destination-form.ts, channel-form.ts). */
export interface ResourceFormSpec<T, V extends object, F extends string> {
  /** The form's fields, as the contract's inputs name them. */
  fields: readonly F[];
  /** The values each field's problem depends on: changing one marks the field as touched. */
  depends: Record<F, readonly (keyof V)[]>;
  /** The values of a new one. */
  empty: () => V;
  /** The values of an existing one (secrets are write-only: never prefilled). */
  formOf: (resource: T) => V;
  /** The problems the contract's schemas find, by field. */
  validate: (values: V, existing: T | undefined) => FieldMessages;
  /** The form's inputs by test id: leaving one (`form.leave`) marks its field (useForm). */
  fieldsByTestId?: Readonly<Record<string, F>>;
  create: (values: V) => Promise<T>;
  update: (values: V, existing: T) => Promise<T>;
}

/**
 * The form part of a resource editor (ResourceEditor): the values typed, the resource being
 * edited, the contract's problems as the values change (useForm: typing marks a field touched
 * and takes back the server's refusal of it; nothing typed is reset by an error), whether
 * anything is unsaved, opening a resource (or a new one) and saving it.
 */
export function useResourceForm<T, V extends object, F extends string>(
  spec: ResourceFormSpec<T, V, F>,
) {
  const values = reactive(spec.empty()) as V;
  /** The resource being edited; undefined: a new one. */
  const existing = shallowRef<T | undefined>(undefined);
  const initial = ref(JSON.stringify(values));

  const localErrors = computed(() => spec.validate(values, existing.value));
  const hasLocalErrors = computed(() => Object.keys(localErrors.value).length > 0);
  const form = useForm<F>({
    fields: spec.fields,
    problems: () => localErrors.value,
    fieldsByTestId: spec.fieldsByTestId,
  });
  for (const field of spec.fields) {
    form.follow(
      field,
      spec.depends[field].map((key) => () => values[key]),
    );
  }
  const dirty = computed(() => JSON.stringify(values) !== initial.value);

  /** Starts editing `target`, or a new one. */
  function open(target: T | 'new'): void {
    form.reset(() => {
      existing.value = target === 'new' ? undefined : target;
      Object.assign(values, target === 'new' ? spec.empty() : spec.formOf(target));
    });
    initial.value = JSON.stringify(values);
  }

  /**
   * Saves (creates it the first time) unless `blocked()`. Answers it, or null when something was
   * refused or a save is on its way: the form keeps what was typed and says what is wrong.
   */
  function save(blocked: () => boolean = () => hasLocalErrors.value): Promise<T | null> {
    return form.submit(blocked, async () => {
      const current = existing.value;
      const saved = current ? await spec.update(values, current) : await spec.create(values);
      initial.value = JSON.stringify(values);
      return saved;
    });
  }

  return { values, existing, form, hasLocalErrors, dirty, open, save };
}
