// The clock-change helpers are pure (Intl only) and shared with the UI's DST warnings.
export * from '../../contract/dst';
