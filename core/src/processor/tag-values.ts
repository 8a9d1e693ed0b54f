// The tag rules are pure and shared with the UI's live preview: core/contract/naming.
export {
  computeTagValues,
  daysSince2020,
  type TagInput,
  type TagValues,
} from '../../contract/naming/tag-values';
