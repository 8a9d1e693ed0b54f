// The Recordings table's first column: a checkbox per row and one in the header for the whole
// page, each named for screen readers. The page keeps the selection (ids); this only draws it.
import { NCheckbox, type DataTableColumn } from 'naive-ui';
import { h } from 'vue';
import type { SessionDto } from '@contract';

export interface SelectionState {
  /** The ids selected (on this page). */
  selected: readonly string[];
  /** The rows of the page. */
  rows: readonly SessionDto[];
  /** What a row is called ("Select “<name>”"). */
  nameOf: (session: SessionDto) => string;
  onChange: (ids: string[]) => void;
}

export function selectionColumn(state: SelectionState): DataTableColumn<SessionDto> {
  const ids = state.rows.map((s) => s.id);
  const chosen = new Set(state.selected);
  const count = ids.filter((id) => chosen.has(id)).length;
  return {
    key: 'select',
    width: 44,
    title: () =>
      h(NCheckbox, {
        checked: ids.length > 0 && count === ids.length,
        indeterminate: count > 0 && count < ids.length,
        disabled: ids.length === 0,
        'aria-label': 'Select every recording on this page',
        'data-testid': 'recordings-select-all',
        'onUpdate:checked': (on: boolean) => state.onChange(on ? ids : []),
      }),
    render: (s) =>
      h(NCheckbox, {
        checked: chosen.has(s.id),
        'aria-label': `Select “${state.nameOf(s)}”`,
        'data-testid': 'recording-select',
        'onUpdate:checked': (on: boolean) =>
          state.onChange(
            on ? [...state.selected, s.id] : state.selected.filter((id) => id !== s.id),
          ),
      }),
  };
}
