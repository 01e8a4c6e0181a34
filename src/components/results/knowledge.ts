/**
 * Knowledge lookups the result sections use for extra detail (NTSTATUS names,
 * pool tag owners). Loaded on demand through `useKnowledge`, so the tables stay
 * out of the first screen's chunk.
 */
export { describeNtStatus, ntStatusFromArg } from '../../analyzers/knowledge/ntstatus';
export { describePoolTag } from '../../analyzers/knowledge/pooltags';
