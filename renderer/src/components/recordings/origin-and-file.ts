// A recording row's second line: scheduled or manual, and the file's name (once there is one).
import { NTag, NText, NTooltip } from 'naive-ui';
import { h } from 'vue';
import type { SessionDto } from '@contract';
import { fileNameText, originText } from './session-facts';

/** Scheduled or manual, and the file's name (once there is a file). */
export function originAndFile(s: SessionDto) {
  const file = fileNameText(s);
  return h('div', { class: 'facts small' }, [
    h(NTooltip, null, {
      trigger: () =>
        h(
          NTag,
          { size: 'tiny', bordered: false, 'data-testid': 'recording-origin' },
          { default: () => originText(s) },
        ),
      default: () =>
        s.scheduleId
          ? 'Recorded by a schedule'
          : 'Started with Record now (or its schedule was deleted since)',
    }),
    file
      ? h(
          NText,
          { depth: 3, class: 'file', title: file, 'data-testid': 'recording-file' },
          () => file,
        )
      : null,
  ]);
}
