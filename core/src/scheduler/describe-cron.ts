import { CRON_NICKNAMES } from '../../contract/cron/cron-fields';

/**
 * A short English description of the common cron shapes ("At 06:00 on Monday to Friday",
 * "Every 15 minutes"); undefined for anything else (the preview then shows only the run times).
 */

const DAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];
const DAY_NAMES: Record<string, number> = {
  sun: 0,
  mon: 1,
  tue: 2,
  wed: 3,
  thu: 4,
  fri: 5,
  sat: 6,
};

function day(token: string): number | undefined {
  const lower = token.toLowerCase();
  const n = lower in DAY_NAMES ? DAY_NAMES[lower] : /^\d$/.test(lower) ? Number(lower) : undefined;
  if (n === undefined || n > 7) return undefined;
  return n % 7;
}

function describeDays(dow: string): string | undefined {
  if (dow === '*' || dow === '?') return 'every day';
  const range = /^(\w+)-(\w+)$/.exec(dow);
  if (range) {
    const a = day(range[1]!);
    const b = day(range[2]!);
    if (a === undefined || b === undefined) return undefined;
    if (a === 1 && b === 5) return 'on Monday to Friday';
    return `on ${DAYS[a]} to ${DAYS[b]}`;
  }
  const list = dow.split(',').map(day);
  if (list.some((d) => d === undefined)) return undefined;
  const names = list.map((d) => DAYS[d!]!);
  if (names.length === 1) return `on ${names[0]}`;
  return `on ${names.slice(0, -1).join(', ')} and ${names[names.length - 1]}`;
}

const two = (n: string) => n.padStart(2, '0');

export function describeCron(expression: string): string | undefined {
  const trimmed = expression.trim();
  const fields = (CRON_NICKNAMES[trimmed.toLowerCase()] ?? trimmed).split(/\s+/);
  if (fields.length === 6) {
    if (fields[0] !== '0') return undefined;
    fields.shift();
  }
  if (fields.length !== 5) return undefined;
  const [minute, hour, dom, month, dow] = fields as [string, string, string, string, string];
  if (month !== '*' || (dom !== '*' && dom !== '?')) {
    if (month === '*' && /^\d{1,2}$/.test(dom) && (dow === '*' || dow === '?')) {
      if (/^\d{1,2}$/.test(minute) && /^\d{1,2}$/.test(hour)) {
        return `At ${two(hour)}:${two(minute)} on day ${Number(dom)} of every month`;
      }
    }
    return undefined;
  }
  const days = describeDays(dow);
  if (!days) return undefined;
  const step = /^\*\/(\d+)$/.exec(minute);
  if (step && hour === '*') {
    return `Every ${step[1]} minutes${days === 'every day' ? '' : `, ${days}`}`;
  }
  if (minute === '*' && hour === '*')
    return `Every minute${days === 'every day' ? '' : `, ${days}`}`;
  if (/^\d{1,2}$/.test(minute) && hour === '*') {
    return `Every hour at minute ${Number(minute)}${days === 'every day' ? '' : `, ${days}`}`;
  }
  if (/^\d{1,2}$/.test(minute) && /^\d{1,2}(,\d{1,2})*$/.test(hour)) {
    const times = hour.split(',').map((h) => `${two(h)}:${two(minute)}`);
    const at =
      times.length === 1 ? times[0] : `${times.slice(0, -1).join(', ')} and ${times.at(-1)}`;
    return `At ${at} ${days}`;
  }
  return undefined;
}
