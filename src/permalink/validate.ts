/**
 * Load-time shape check for shared data. A share link is untrusted input: it
 * may be hand-edited, produced by another build, or made to crash the viewer.
 * Before the app renders a shared report, every field it reads is checked
 * here, and the first mismatch is named by its path
 * (`report.suspects[0].module should be text`).
 *
 * The contract-level types (the report itself, suspects, findings, the bug
 * check, next steps) are checked against their TypeScript declarations at
 * compile time (`fields<T>` wants one entry per key), so a field added to the
 * report contract cannot be forgotten here; so are the per-family data types.
 *
 * The same checks also *project* a value (`project`): a copy holding only the
 * fields they define, every string passed through a function (the shared
 * report caps them). Fields a link adds beyond those are dropped, so nothing
 * the app never reads (a field nested 100,000 levels deep…) survives to break
 * an export or History.
 */
import { CATEGORIES } from '../analyzers/types';
import type {
  AnalysisReport,
  BugcheckReport,
  CommandSpan,
  CpuInfoData,
  DevObjData,
  DevStackData,
  DrvObjData,
  DrvObjRoutine,
  Finding,
  FltKdData,
  IrpData,
  IrpFindData,
  IrpStackLocation,
  LockInfo,
  ModuleEntry,
  NdisKdData,
  NextStep,
  PoolBlockData,
  PoolTagUsage,
  PoolUsedData,
  Reason,
  Stack,
  StackFrame,
  Suspect,
  ThreadInfo,
  VerifierData,
  VmInfo,
  WheaRecord,
} from '../analyzers/types';

/** A check returns null when `value` fits, else a message naming `path`. */
export type Check = (value: unknown, path: string) => string | null;

/** How a check copies a value it accepts (see `project`); `text` maps every string. */
type Projector = (value: unknown, text: (s: string) => string) => unknown;

/** Projectors of the checks that copy (text, lists, objects…); the others keep the value as it is. */
const PROJECTORS = new WeakMap<Check, Projector>();

function projecting(check: Check, projector: Projector): Check {
  PROJECTORS.set(check, projector);
  return check;
}

/**
 * A copy of `value`, which `check` accepts, with only the fields the check
 * defines (other fields are dropped, at every level) and every string mapped
 * through `text`. Numbers, booleans and null are kept as they are.
 */
export function project<T>(check: Check, value: T, text: (s: string) => string = (s) => s): T {
  const projector = PROJECTORS.get(check);
  return (projector ? projector(value, text) : value) as T;
}

/** A field of an object: required by default, `optional(check)` otherwise. */
type Field = Check | { optional: Check };

/** Mark an object field as optional (it may be absent; when present it must fit). */
export function optional(check: Check): { optional: Check } {
  return { optional: check };
}

/** A string. */
export const isText: Check = projecting(
  (v, p) => (typeof v === 'string' ? null : `${p} should be text`),
  (v, text) => text(v as string),
);
/** A finite number. */
export const isNumber: Check = (v, p) => (typeof v === 'number' && Number.isFinite(v) ? null : `${p} should be a number`);
/** true or false. */
export const isBoolean: Check = (v, p) => (typeof v === 'boolean' ? null : `${p} should be true or false`);

/** One of a fixed set of values. */
export function oneOf(values: readonly (string | number | boolean | null)[]): Check {
  return (v, p) =>
    values.includes(v as string) ? null : `${p} should be one of ${values.map((x) => JSON.stringify(x)).join(', ')}`;
}

/** What either check accepts. */
export function either(a: Check, b: Check): Check {
  return projecting(
    (v, p) => (a(v, p) === null ? null : b(v, p)),
    (v, text) => project(a(v, '') === null ? a : b, v, text),
  );
}

/** `null` or what `check` accepts. */
export function nullable(check: Check): Check {
  return projecting(
    (v, p) => (v === null ? null : check(v, p)),
    (v, text) => (v === null ? null : project(check, v, text)),
  );
}

/** An array whose every element fits `check`. */
export function listOf(check: Check): Check {
  return projecting(
    (v, p) => {
      if (!Array.isArray(v)) {
        return `${p} should be a list`;
      }
      for (let i = 0; i < v.length; i++) {
        const problem = check(v[i], `${p}[${i}]`);
        if (problem !== null) {
          return problem;
        }
      }
      return null;
    },
    (v, text) => (v as unknown[]).map((item) => project(check, item, text)),
  );
}

function isPlainObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** An object with these fields; other fields are allowed and ignored (and dropped by `project`). */
export function shape(fieldChecks: Record<string, Field>): Check {
  const entries = Object.entries(fieldChecks);
  return projecting(
    (v, p) => {
      if (!isPlainObject(v)) {
        return `${p} should be an object`;
      }
      for (const [key, field] of entries) {
        const present = Object.prototype.hasOwnProperty.call(v, key) && v[key] !== undefined;
        if (typeof field === 'function') {
          if (!present) {
            return `${p}.${key} is missing`;
          }
          const problem = field(v[key], `${p}.${key}`);
          if (problem !== null) {
            return problem;
          }
        } else if (present) {
          const problem = field.optional(v[key], `${p}.${key}`);
          if (problem !== null) {
            return problem;
          }
        }
      }
      return null;
    },
    (v, text) => {
      const source = v as Record<string, unknown>;
      const out: Record<string, unknown> = {};
      for (const [key, field] of entries) {
        if (Object.prototype.hasOwnProperty.call(source, key) && source[key] !== undefined) {
          out[key] = project(typeof field === 'function' ? field : field.optional, source[key], text);
        }
      }
      return out;
    },
  );
}

/**
 * `shape` whose field list must name every key of `T` (checked by the
 * compiler): used for the contract types so this file follows the contract.
 */
function fields<T>(fieldChecks: { [K in keyof T]-?: Field }): Check {
  return shape(fieldChecks as Record<string, Field>);
}

/** An object used as a map: any keys, every value fits `check`. */
export function mapOf(check: Check): Check {
  return projecting(
    (v, p) => {
      if (!isPlainObject(v)) {
        return `${p} should be an object`;
      }
      for (const [key, value] of Object.entries(v)) {
        const problem = check(value, `${p}.${key}`);
        if (problem !== null) {
          return problem;
        }
      }
      return null;
    },
    (v, text) => Object.fromEntries(Object.entries(v as Record<string, unknown>).map(([key, value]) => [text(key), project(check, value, text)])),
  );
}

const optText = optional(isText);
const optNumber = optional(isNumber);
const texts = listOf(isText);

/** Columns that frames of older shared reports carried: accepted, then dropped by reviveLegacyFields. */
interface LegacyFrame extends StackFrame {
  sp?: string;
  retAddr?: string;
  /** The arguments as a string, earlier as a list. */
  args?: string | string[];
}

const FRAME = fields<LegacyFrame>({
  index: optNumber,
  site: isText,
  module: nullable(isText),
  symbol: nullable(isText),
  offset: nullable(isText),
  sp: optText,
  retAddr: optText,
  args: optional(either(isText, texts)),
  trapFrame: optText,
  line: isNumber,
});

const STACK = fields<Stack>({
  frames: listOf(FRAME),
  format: isText,
  line: isNumber,
  endLine: isNumber,
  source: isText,
  processor: optNumber,
  thread: optText,
  context: optional(isBoolean),
});

const THREAD = fields<ThreadInfo>({
  address: optText,
  cid: optText,
  process: optText,
  processImage: optText,
  state: optText,
  waitReason: optText,
  waitMode: optText,
  waitMs: optNumber,
  waitText: optText,
  irps: texts,
  stack: nullable(STACK),
  startAddress: optText,
  waitObjects: optional(listOf(fields<NonNullable<ThreadInfo['waitObjects']>[number]>({ address: isText, type: isText, line: isNumber }))),
  line: isNumber,
  endLine: isNumber,
});

const PROCESS = fields<AnalysisReport['processes'][number]>({
  address: isText,
  image: optText,
  cid: optText,
  parentCid: optText,
  line: isNumber,
});

const LOCK = fields<LockInfo>({
  kind: isText,
  name: optText,
  address: isText,
  state: isText,
  owners: texts,
  waiters: texts,
  exclusiveWaiters: optNumber,
  sharedWaiters: optNumber,
  contention: optNumber,
  lockCount: optNumber,
  recursion: optNumber,
  line: isNumber,
});

const VM = fields<VmInfo>({
  physicalKb: optNumber,
  availableKb: optNumber,
  nonPagedUsageKb: optNumber,
  nonPagedNxUsageKb: optNumber,
  nonPagedMaxKb: optNumber,
  pagedUsageKb: optNumber,
  pagedMaxKb: optNumber,
  pagedPools: listOf(fields<VmInfo['pagedPools'][number]>({ index: isNumber, kb: isNumber })),
  commitKb: optNumber,
  commitLimitKb: optNumber,
  pages: mapOf(isNumber),
  banners: listOf(fields<VmInfo['banners'][number]>({ text: isText, line: isNumber })),
  processes: listOf(fields<VmInfo['processes'][number]>({ pid: isText, image: isText, kb: isNumber, line: isNumber })),
  line: isNumber,
});

const POOL_COUNTS = {
  nonPagedAllocs: isNumber,
  nonPagedBytes: isNumber,
  pagedAllocs: isNumber,
  pagedBytes: isNumber,
  line: isNumber,
};

const POOL_USED = fields<PoolUsedData>({
  sortedBy: isText,
  tags: listOf(fields<PoolTagUsage>({ tag: isText, ...POOL_COUNTS, description: optText, binary: optText })),
  total: optional(fields<NonNullable<PoolUsedData['total']>>(POOL_COUNTS)),
});

const POOL = fields<PoolBlockData>({
  address: optText,
  region: optText,
  blocks: listOf(
    fields<PoolBlockData['blocks'][number]>({ address: isText, size: isText, tag: isText, allocated: isBoolean, current: isBoolean, line: isNumber }),
  ),
  ownerTag: optional(fields<NonNullable<PoolBlockData['ownerTag']>>({ tag: isText, description: optText, binary: optText, line: isNumber })),
});

const ORIGIN = oneOf(['microsoft', 'third-party', 'unknown']);

const MODULE = fields<ModuleEntry>({
  name: isText,
  start: optText,
  end: optText,
  symbols: optText,
  image: optText,
  path: optText,
  timestamp: optional(fields<NonNullable<ModuleEntry['timestamp']>>({ text: isText, epoch: optNumber })),
  unloaded: optional(isBoolean),
  line: isNumber,
  origin: ORIGIN,
  vendor: optText,
  product: optText,
});

const IRP = fields<IrpData>({
  address: optText,
  stackCount: optNumber,
  currentIndex: optNumber,
  thread: optText,
  status: optText,
  locations: listOf(
    fields<IrpStackLocation>({
      major: isNumber,
      minor: isNumber,
      current: isBoolean,
      device: optText,
      driver: optText,
      completion: optText,
      line: isNumber,
    }),
  ),
  line: isNumber,
});

const IRP_FIND_ROW = fields<IrpFindData['rows'][number]>({
  irp: isText,
  thread: optText,
  major: isNumber,
  minor: isNumber,
  device: optText,
  driver: isText,
  line: isNumber,
});

const DEVICE_LINK = fields<NonNullable<DevObjData['attachedTo']>>({ address: optText, driver: optText, line: isNumber });

const DEVICE = fields<DevObjData>({
  address: optText,
  driver: optText,
  name: optText,
  attachedTo: optional(DEVICE_LINK),
  attachedDevice: optional(DEVICE_LINK),
  line: isNumber,
});

const DEV_STACK = fields<DevStackData>({
  entries: listOf(
    fields<DevStackData['entries'][number]>({ device: isText, driver: isText, extension: optText, name: optText, current: isBoolean, line: isNumber }),
  ),
  serviceName: optText,
});

const DRIVER = fields<DrvObjData>({
  address: optText,
  driverName: optText,
  ownModule: optText,
  routines: listOf(fields<DrvObjRoutine>({ name: isText, address: isText, target: isText, module: nullable(isText), line: isNumber })),
  line: isNumber,
});

const WHEA = fields<WheaRecord>({
  address: optText,
  severity: optText,
  notifyType: optText,
  errorType: optText,
  operation: optText,
  level: optNumber,
  processor: optNumber,
  bank: optNumber,
  mcaError: optText,
  status: optText,
  address2: optText,
  sections: texts,
  line: isNumber,
});

const CPU = fields<CpuInfoData>({ mhz: optNumber, name: optText, identifier: optText, vendor: optText, machine: optional(mapOf(isText)), line: isNumber });

const VERIFIER = fields<VerifierData>({
  flags: optNumber,
  enabled: listOf(fields<VerifierData['enabled'][number]>({ bit: isNumber, name: isText })),
  drivers: optional(texts),
  line: isNumber,
});

const FILTERS = fields<FltKdData>({
  filters: listOf(fields<FltKdData['filters'][number]>({ name: isText, altitude: optText, address: optText, line: isNumber })),
  instances: listOf(
    fields<FltKdData['instances'][number]>({ name: isText, altitude: optText, address: isText, volume: optText, filter: optText, line: isNumber }),
  ),
  volumes: listOf(fields<FltKdData['volumes'][number]>({ address: isText, name: isText, fileSystem: optText, instances: texts, line: isNumber })),
});

type Miniport = NdisKdData['miniports'][number];

const NDIS = fields<NdisKdData>({
  miniports: listOf(
    fields<Miniport>({
      name: isText,
      handle: optText,
      driver: optText,
      state: optText,
      flags: texts,
      nblStatus: optText,
      driverName: optText,
      line: isNumber,
    }),
  ),
  oids: listOf(fields<NdisKdData['oids'][number]>({ name: isText, completed: isBoolean, clonedFrom: optText, line: isNumber })),
  handlers: listOf(
    fields<NdisKdData['handlers'][number]>({ name: isText, address: isText, module: nullable(isText), minidriver: optText, line: isNumber }),
  ),
});

// `rule` is absent from reports shared before rule ids existed.
const REASON = fields<Reason>({ text: isText, line: optNumber, rule: optText });

const SUSPECT = fields<Suspect>({
  module: isText,
  confidence: isNumber,
  reasons: listOf(REASON),
  vendor: optText,
  product: optText,
  origin: ORIGIN,
});

const FINDING = fields<Finding>({
  id: isText,
  severity: oneOf(['critical', 'warning', 'info']),
  title: isText,
  detail: optText,
  lines: listOf(isNumber),
  rule: optText,
});

const BUGCHECK = fields<BugcheckReport>({
  code: isText,
  name: nullable(isText),
  args: texts,
  line: isNumber,
  meaning: optText,
  decodedArgs: listOf(fields<BugcheckReport['decodedArgs'][number]>({ value: isText, label: isText, decoded: optText })),
});

const COMMAND = fields<CommandSpan>({ command: isText, line: isNumber, endLine: isNumber });
const NEXT_STEP = fields<NextStep>({ command: isText, why: isText });

/** The whole `AnalysisReport` (schema version 1). */
export const checkReport: Check = fields<AnalysisReport>({
  schemaVersion: oneOf([1]),
  kind: oneOf(['kernel', 'user', 'unknown']),
  bugcheck: nullable(BUGCHECK),
  category: oneOf(CATEGORIES),
  suspects: listOf(SUSPECT),
  findings: listOf(FINDING),
  commands: listOf(COMMAND),
  headline: isText,
  nextSteps: listOf(NEXT_STEP),
  stacks: listOf(STACK),
  threads: listOf(THREAD),
  processes: listOf(PROCESS),
  locks: listOf(LOCK),
  memory: fields<AnalysisReport['memory']>({ vm: listOf(VM), poolUsed: listOf(POOL_USED), pools: listOf(POOL) }),
  modules: listOf(MODULE),
  irps: listOf(IRP),
  irpFind: listOf(IRP_FIND_ROW),
  devices: listOf(DEVICE),
  devStacks: listOf(DEV_STACK),
  drivers: listOf(DRIVER),
  hardware: fields<AnalysisReport['hardware']>({ whea: listOf(WHEA), cpu: listOf(CPU) }),
  verifier: listOf(VERIFIER),
  filters: listOf(FILTERS),
  ndis: listOf(NDIS),
  stats: fields<AnalysisReport['stats']>({ lines: isNumber, blocks: isNumber, skippedLines: isNumber, truncated: isBoolean }),
  inputProblem: optText,
});

/** Is `value` a well-formed `AnalysisReport`? Null when it is, else the first problem. */
export function reportProblem(value: unknown, path = 'report'): string | null {
  return checkReport(value, path);
}
