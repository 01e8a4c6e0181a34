/**
 * The knowledge lookups behind the editor's hovers, in one module that is
 * loaded on the first hover (a separate chunk), not with the editor.
 */
export { describeBugcheck, formatBugcheckCode, parseBugcheckCode } from '../analyzers/knowledge/bugcheck-codes';
export { canonicalModuleName, classifyModule, describeDriver } from '../analyzers/knowledge/modules';
export { describeNtStatus } from '../analyzers/knowledge/ntstatus';
export { describePoolTag } from '../analyzers/knowledge/pooltags';
