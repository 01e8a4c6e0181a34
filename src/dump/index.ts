/**
 * Binary crash dumps → the debugger-style text the analyzers read.
 *
 * Pure TypeScript (DataView and BigInt, no DOM): the same code runs in the
 * analysis worker, in the CLI and in tests. See read.ts for the entry point
 * and ../shared/dumps/FORMATS.md for the layouts.
 */
export { blobSource, bytesSource, type BlobLike, type ByteSource } from './byte-source';
export { describeArch, readDump, type DumpFacts, type DumpReadResult } from './read';
export { dumpSignature, SIGNATURE_BYTES, type DumpSignature } from './signature';
