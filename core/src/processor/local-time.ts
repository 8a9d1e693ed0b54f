// Wall-clock readings in a time zone are pure and shared with the UI: core/contract/naming.
export {
  assertTimeZone,
  formatLocalDate,
  formatLocalTime,
  localDateTime,
  type LocalDateTime,
} from '../../contract/naming/local-time';
