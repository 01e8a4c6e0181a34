/**
 * Types shared by every analyzer, the verdict engine, the worker, the UI and the CLI.
 *
 * The report shape (`AnalysisReport`) follows ../shared/contract/REPORT.md: the
 * required fields keep their exact names and value sets; everything else is ours.
 * Nothing in this folder may import React, the DOM, zustand or Monaco.
 */

/** Severity of a finding, as the contract names it. */
export type Severity = 'critical' | 'warning' | 'info';

/** The contract's category values. */
export type Category =
  | 'driver'
  | 'hardware'
  | 'memory-corruption'
  | 'pool-leak'
  | 'hang-deadlock'
  | 'disk-io'
  | 'os-corruption'
  | 'user-app'
  | 'manual'
  | 'none'
  | 'unknown';

export const CATEGORIES: readonly Category[] = [
  'driver',
  'hardware',
  'memory-corruption',
  'pool-leak',
  'hang-deadlock',
  'disk-io',
  'os-corruption',
  'user-app',
  'manual',
  'none',
  'unknown',
];

/** Kernel-mode (`kd>`), user-mode (`0:000>`) or unknown session. */
export type SessionKind = 'kernel' | 'user' | 'unknown';

/** Where a module comes from, by our knowledge tables. */
export type ModuleOrigin = 'microsoft' | 'third-party' | 'unknown';

/** Something notable, anchored to input lines (1-based). */
export interface Finding {
  /** Stable code, e.g. `pool.nonpaged.exhausted`; several findings may share a code. */
  id: string;
  severity: Severity;
  title: string;
  detail?: string;
  lines: number[];
  /**
   * What produced it: the id of the verdict rule (`lock-owner`), or
   * `parse:<analyzer>` for a finding a command parser made while reading.
   */
  rule?: string;
}

/**
 * One debugger command found in the input (a prompt line, or output recognised
 * without its prompt), with the span of its output.
 */
export interface CommandSpan {
  command: string;
  line: number;
  endLine: number;
}

// ---------------------------------------------------------------------------
// Input model
// ---------------------------------------------------------------------------

/** A prompt such as `3: kd>` or `0:020>`, decoded. */
export interface PromptInfo {
  /** The prompt text as typed, e.g. `3: kd>`. */
  text: string;
  mode: 'kernel' | 'user';
  /** Processor number of a kernel prompt (`3: kd>` → 3). */
  processor?: number;
  /** Thread index of a user-mode prompt (`0:020>` → 20). */
  thread?: number;
  /** Live kernel (`lkd>`). */
  live?: boolean;
  /** A prompt a blog reduced to `>`: its mode is a guess from the command. */
  reduced?: boolean;
}

/**
 * A segment: one command and the lines that follow it, up to the next prompt.
 * The text before the first prompt is a segment with an empty command.
 */
export interface Segment {
  /** The command typed after the prompt (trimmed), or '' when none. */
  command: string;
  prompt: PromptInfo | null;
  /** 1-based line of the prompt (or of the first line when there is no prompt). */
  line: number;
  /** 1-based last line of the segment (inclusive). */
  endLine: number;
  /** 0-based index into `SourceText.lines` of the first body line. */
  bodyStart: number;
  /** 0-based index one past the last body line. */
  bodyEnd: number;
}

/** Normalized input: one string per input line; line N (1-based) is `lines[N-1]`. */
export interface SourceText {
  lines: readonly string[];
}

/** Context handed to an analyzer for one block of output. */
export interface BlockContext {
  source: SourceText;
  /** The segment the block sits in (its command may belong to another analyzer). */
  segment: Segment;
  /** Index one past the last line this block may use (the next prompt). */
  limit: number;
  /**
   * True when another analyzer's output starts at line index `i`; loose parsers
   * stop there unless they understand that line themselves.
   */
  startsOther(i: number): boolean;
}

/** What an analyzer returns for one block. */
export type AnalyzerResult<T> =
  | { ok: true; data: T; findings: Finding[]; end: number; skipped?: number }
  | { ok: false; reason: string; end: number };

/**
 * One analyzer: a debugger command family. `analyze` is pure: no clock,
 * randomness, globals or I/O; malformed text yields `ok: false`, never a throw.
 */
export interface Analyzer<K extends keyof BlockDataMap = keyof BlockDataMap> {
  id: K;
  /**
   * Commands this analyzer owns, matched against the command's first word in
   * lower case: a string matches exactly, a RegExp by `test`.
   */
  commands: readonly (string | RegExp)[];
  /**
   * Cheap test: does output of this family start at line index `i`?
   * `owned` is true when the line is the first body line of a segment whose
   * command is one of `commands` (then a looser test is fine).
   */
  startsAt(source: SourceText, i: number, owned: boolean): boolean;
  /** Parse the block starting at index `start`; `end` is one past its last line. */
  analyze(start: number, ctx: BlockContext): AnalyzerResult<BlockDataMap[K]>;
}

// ---------------------------------------------------------------------------
// Parsed data, per family
// ---------------------------------------------------------------------------

/**
 * One stack frame: its call site and its input line. Child-SP, return address
 * and arguments are not kept: they stay in the input line, and `frameColumns`
 * in stack.ts reads them from it for the few frames that need them (a big
 * session holds hundreds of thousands of frames).
 */
export interface StackFrame {
  /** Frame number when the debugger printed one (`knL`, `kcn`). */
  index?: number;
  /** `module!Symbol+0x1f` or `module+0x1f` or a bare address, as printed. */
  site: string;
  /** Module part, as printed (`nvlddmkm`, `Ntfs`), or null for a bare address. */
  module: string | null;
  symbol: string | null;
  offset: string | null;
  /** The frame is marked as a trap frame (`TrapFrame @`). */
  trapFrame?: string;
  line: number;
}

export type StackFormat = 'x64' | 'x86' | 'kn' | 'kc' | 'bare';

export interface Stack {
  frames: StackFrame[];
  format: StackFormat;
  line: number;
  endLine: number;
  /** Where it came from: `kv` on processor 2, `!thread fffffa80…`, `STACK_TEXT`… */
  source: string;
  processor?: number;
  /** Thread address (kernel) or id (user) when known. */
  thread?: string;
  /** The stack was printed after `.cxr`/`.trap`/`.thread` (a set context). */
  context?: boolean;
}

export interface AnalyzeVData {
  bugcheck: { code: number; line: number; args: string[]; argLines: number[]; name?: string } | null;
  /** `KEY:  value` fields (upper-case keys) with their lines. */
  fields: Record<string, { value: string; line: number }>;
  /** Argument descriptions printed by the debugger (`Arg1: …, text`). */
  argText: string[];
  stack: Stack | null;
  probablyCausedBy?: { module: string; line: number };
  /** User mode: the exception record. */
  /** `site`: the symbol the debugger printed for the exception address (`app!Foo+0x12`), with its line. */
  exception?: { code: number; line: number; address?: string; site?: { text: string; line: number } };
}

export interface ModuleEntry {
  name: string;
  start?: string;
  end?: string;
  symbols?: string;
  image?: string;
  path?: string;
  timestamp?: { text: string; epoch?: number };
  /** Listed under `Unloaded modules:`. */
  unloaded?: boolean;
  line: number;
  /** What the knowledge tables say about the name (see knowledge/modules.ts). */
  origin: ModuleOrigin;
  vendor?: string;
  product?: string;
}

export interface ThreadInfo {
  address?: string;
  /** `Cid 0004.0048` → process 0004, thread 0048. */
  cid?: string;
  process?: string;
  processImage?: string;
  state?: string;
  waitReason?: string;
  waitMode?: string;
  /** Wait time from `Ticks: N (d:hh:mm:ss.ms)`, in milliseconds. */
  waitMs?: number;
  waitText?: string;
  irps: string[];
  stack: Stack | null;
  startAddress?: string;
  /** Objects the thread waits on (`fffffa800d035ee8  NotificationEvent`). */
  waitObjects?: { address: string; type: string; line: number }[];
  line: number;
  endLine: number;
}

export interface LockInfo {
  /** `monitor`: a .NET Monitor (SOS `!syncblk`). */
  kind: 'eresource' | 'critical-section' | 'monitor';
  name?: string;
  address: string;
  state: 'exclusive' | 'shared' | 'locked' | 'free' | 'unknown';
  owners: string[];
  waiters: string[];
  exclusiveWaiters?: number;
  sharedWaiters?: number;
  contention?: number;
  lockCount?: number;
  recursion?: number;
  line: number;
}

export interface VmInfo {
  physicalKb?: number;
  availableKb?: number;
  nonPagedUsageKb?: number;
  nonPagedNxUsageKb?: number;
  nonPagedMaxKb?: number;
  pagedUsageKb?: number;
  pagedMaxKb?: number;
  pagedPools: { index: number; kb: number }[];
  commitKb?: number;
  commitLimitKb?: number;
  /** Same values in pages, where printed. */
  pages: Record<string, number>;
  banners: { text: string; line: number }[];
  processes: { pid: string; image: string; kb: number; line: number }[];
  line: number;
}

export interface PoolTagUsage {
  tag: string;
  nonPagedAllocs: number;
  nonPagedBytes: number;
  pagedAllocs: number;
  pagedBytes: number;
  description?: string;
  binary?: string;
  line: number;
}

export interface PoolUsedData {
  sortedBy: 'nonpaged' | 'paged' | 'unknown';
  tags: PoolTagUsage[];
  total?: { nonPagedAllocs: number; nonPagedBytes: number; pagedAllocs: number; pagedBytes: number; line: number };
}

export interface PoolBlockData {
  address?: string;
  region?: string;
  blocks: { address: string; size: string; tag: string; allocated: boolean; current: boolean; line: number }[];
  ownerTag?: { tag: string; description?: string; binary?: string; line: number };
}

export interface IrpStackLocation {
  major: number;
  minor: number;
  current: boolean;
  device?: string;
  driver?: string;
  completion?: string;
  line: number;
}

export interface IrpData {
  address?: string;
  stackCount?: number;
  currentIndex?: number;
  thread?: string;
  status?: string;
  locations: IrpStackLocation[];
  line: number;
}

export interface IrpFindData {
  rows: { irp: string; thread?: string; major: number; minor: number; device?: string; driver: string; line: number }[];
}

export interface DevObjData {
  address?: string;
  driver?: string;
  name?: string;
  attachedTo?: { address?: string; driver?: string; line: number };
  attachedDevice?: { address?: string; driver?: string; line: number };
  line: number;
}

export interface DevStackData {
  entries: { device: string; driver: string; extension?: string; name?: string; current: boolean; line: number }[];
  /** `ServiceName is "volsnap"` under `!DevNode`. */
  serviceName?: string;
}

export interface DrvObjRoutine {
  name: string;
  address: string;
  target: string;
  /** Module the routine points into (null: no module, e.g. pool memory). */
  module: string | null;
  line: number;
}

export interface DrvObjData {
  address?: string;
  driverName?: string;
  /** Image the driver object belongs to, from its own dispatch routines. */
  ownModule?: string;
  routines: DrvObjRoutine[];
  line: number;
}

export interface WheaRecord {
  address?: string;
  severity?: string;
  notifyType?: string;
  errorType?: string;
  operation?: string;
  level?: number;
  processor?: number;
  bank?: number;
  mcaError?: string;
  status?: string;
  address2?: string;
  sections: string[];
  line: number;
}

export interface CpuInfoData {
  mhz?: number;
  name?: string;
  identifier?: string;
  vendor?: string;
  /** `!sysinfo machineid` / `smbios` fields (BiosVendor, SystemProductName…). */
  machine?: Record<string, string>;
  line: number;
}

export interface VerifierData {
  flags?: number;
  enabled: { bit: number; name: string }[];
  /** Drivers under verification (`nt!_VF_TARGET_DRIVER …: foo.sys`). */
  drivers?: string[];
  line: number;
}

export interface ChkImgData {
  images: { module: string; errors: number; range?: string; line: number }[];
}

export interface RegistersData {
  command: 'trap' | 'cxr' | 'r' | 'unknown';
  registers: Record<string, string>;
  /** Symbolized instruction pointer line, e.g. `nt!KeFlushProcessWriteBuffers+0x63`. */
  ip?: string;
  /** The instruction printed at the program counter (`pause`, `mov eax,dword ptr [r9+4] …`). */
  instruction?: string;
  allZero: boolean;
  line: number;
}

export interface DisasmData {
  lines: { address: string; symbol?: string; instruction: string; line: number }[];
  /** Symbols named as targets (`call nt!Foo`, `offset vicm+0x6973c`). */
  targets: { site: string; module: string | null; line: number }[];
}

export interface RawMemoryData {
  /** Symbols found in raw memory (`dps`, `dqs`, `dds`). */
  symbols: { site: string; module: string | null; address: string; line: number }[];
  /** Patterns of bytes (`dc`, `dd`). */
  rows: number;
}

export interface ProcessEntry {
  address: string;
  image?: string;
  cid?: string;
  parentCid?: string;
  threads: ThreadInfo[];
  line: number;
}

export interface ProcessData {
  processes: ProcessEntry[];
}

export interface FltKdData {
  filters: { name: string; altitude?: string; address?: string; line: number }[];
  instances: { name: string; altitude?: string; address: string; volume?: string; filter?: string; line: number }[];
  volumes: { address: string; name: string; fileSystem?: string; instances: string[]; line: number }[];
}

export interface NdisKdData {
  miniports: {
    name: string;
    handle?: string;
    driver?: string;
    state?: string;
    flags: string[];
    /** `NBL status  NDIS_STATUS_RESET_IN_PROGRESS`. */
    nblStatus?: string;
    /** Friendly name after the driver handle: `FooBarDriver v1.0`. */
    driverName?: string;
    line: number;
  }[];
  oids: { name: string; completed: boolean; clonedFrom?: string; line: number }[];
  /** `!ndiskd.minidriver X -handlers` rows; `minidriver` is X (normalized) when known. */
  handlers: { name: string; address: string; module: string | null; minidriver?: string; line: number }[];
}

export interface ThreadListData {
  /** `id` is the thread id (`43d8`), `pid` the process id (`c08`), both as printed in `Id: c08.43d8`. */
  threads: { index: number; id: string; pid?: string; current: boolean; frozen?: boolean; line: number }[];
}

export interface StacksCmdData {
  threads: {
    id: string;
    address: string;
    state: string;
    top: string;
    /** Image from the `[ffffe0004f3e2390 System]` header above the row. */
    process?: string;
    /** Frames printed under the row (`!stacks 2`). */
    frames?: StackFrame[];
    line: number;
  }[];
  /** The FilterString of `!stacks 2 FooDRV`: every row listed has it on its stack. */
  filter?: string;
}

export interface SymbolErrorData {
  /** Modules named by `*** ERROR: … symbols could not be loaded for X`. */
  modules: { module: string; line: number }[];
}

export interface LnData {
  hits: { address: string; site: string; module: string | null; line: number }[];
}

/** Data produced by each analyzer, keyed by analyzer id. */
export interface BlockDataMap {
  'analyze-v': AnalyzeVData;
  bugcheck: AnalyzeVData;
  stack: Stack;
  lm: { modules: ModuleEntry[] };
  thread: ThreadInfo;
  process: ProcessData;
  locks: { locks: LockInfo[] };
  vm: VmInfo;
  poolused: PoolUsedData;
  pool: PoolBlockData;
  irp: IrpData;
  irpfind: IrpFindData;
  devobj: DevObjData;
  devstack: DevStackData;
  drvobj: DrvObjData;
  errrec: WheaRecord;
  sysinfo: CpuInfoData;
  verifier: VerifierData;
  chkimg: ChkImgData;
  registers: RegistersData;
  disasm: DisasmData;
  rawmem: RawMemoryData;
  fltkd: FltKdData;
  ndiskd: NdisKdData;
  threadlist: ThreadListData;
  stacks: StacksCmdData;
  symerr: SymbolErrorData;
  ln: LnData;
  clrstack: ClrStackData;
  dt: DtData;
  runaway: RunawayData;
}

/** One `!runaway` row: debugger thread number (when printed), OS thread id, time in ms. */
export interface RunawayRow {
  index?: number;
  tid: string;
  ms: number;
  line: number;
}

/** `!runaway` thread times (ms), busiest first as printed, and `!threadpool`'s CPU line. */
export interface RunawayData {
  /** `index` is the debugger's thread number; old debuggers print the thread id alone. */
  user: RunawayRow[];
  kernel: RunawayRow[];
  cpu?: { percent: number; line: number };
}

/** `dt` structure dump: type, address and fields. */
export interface DtData {
  type?: string;
  address?: string;
  fields: { offset: number; name: string; value: string; line: number }[];
}

/** `!clrstack` managed frames and `!pe` exception. */
export interface ClrStackData {
  stack: Stack | null;
  exceptionType?: string;
  message?: string;
}

/** One parsed block, as stored in the session model. */
export interface Block<K extends keyof BlockDataMap = keyof BlockDataMap> {
  analyzer: K;
  data: BlockDataMap[K];
  line: number;
  endLine: number;
  segment: Segment;
}

// ---------------------------------------------------------------------------
// Report
// ---------------------------------------------------------------------------

/** One piece of evidence against a suspect, as the report shows it. */
export interface Reason {
  text: string;
  line?: number;
  /** Id of the verdict rule that produced it (src/analyzers/verdict/rules). */
  rule: string;
}

export interface Suspect {
  module: string;
  confidence: number;
  reasons: Reason[];
  vendor?: string;
  product?: string;
  origin: ModuleOrigin;
}

export interface BugcheckReport {
  code: string;
  name: string | null;
  args: string[];
  line: number;
  /** Plain-words meaning of the code. */
  meaning?: string;
  /** Each argument with its label and decoded meaning. */
  decodedArgs: { value: string; label: string; decoded?: string }[];
}

export interface NextStep {
  command: string;
  why: string;
}

export interface AnalysisReport {
  schemaVersion: 1;
  kind: SessionKind;
  bugcheck: BugcheckReport | null;
  category: Category;
  suspects: Suspect[];
  findings: Finding[];
  commands: CommandSpan[];
  /** One sentence in plain words. */
  headline: string;
  nextSteps: NextStep[];
  stacks: Stack[];
  threads: ThreadInfo[];
  /** Processes from `!process` (their threads are in `threads`). */
  processes: Omit<ProcessEntry, 'threads'>[];
  locks: LockInfo[];
  memory: {
    vm: VmInfo[];
    poolUsed: PoolUsedData[];
    pools: PoolBlockData[];
  };
  modules: ModuleEntry[];
  irps: IrpData[];
  irpFind: IrpFindData['rows'];
  devices: DevObjData[];
  devStacks: DevStackData[];
  drivers: DrvObjData[];
  hardware: { whea: WheaRecord[]; cpu: CpuInfoData[] };
  verifier: VerifierData[];
  filters: FltKdData[];
  ndis: NdisKdData[];
  /** Input statistics. */
  stats: { lines: number; blocks: number; skippedLines: number; truncated: boolean };
  /** Problems with the input itself (binary, empty…), shown as a message. */
  inputProblem?: string;
}
