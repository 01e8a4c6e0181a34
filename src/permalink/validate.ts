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
 * report contract cannot be forgotten here. Per-family data types are checked
 * field by field but stay open to fields added later.
 */
import { CATEGORIES } from '../analyzers/types';
import type {
  AnalysisReport,
  BugcheckReport,
  CommandSpan,
  Finding,
  NextStep,
  Reason,
  Suspect,
} from '../analyzers/types';

/** A check returns null when `value` fits, else a message naming `path`. */
export type Check = (value: unknown, path: string) => string | null;

/** A field of an object: required by default, `optional(check)` otherwise. */
type Field = Check | { optional: Check };

/** Mark an object field as optional (it may be absent; when present it must fit). */
export function optional(check: Check): { optional: Check } {
  return { optional: check };
}

/** A string. */
export const isText: Check = (v, p) => (typeof v === 'string' ? null : `${p} should be text`);
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
  return (v, p) => (a(v, p) === null ? null : b(v, p));
}

/** `null` or what `check` accepts. */
export function nullable(check: Check): Check {
  return (v, p) => (v === null ? null : check(v, p));
}

/** An array whose every element fits `check`. */
export function listOf(check: Check): Check {
  return (v, p) => {
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
  };
}

function isPlainObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** An object with these fields; other fields are allowed and ignored. */
export function shape(fieldChecks: Record<string, Field>): Check {
  const entries = Object.entries(fieldChecks);
  return (v, p) => {
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
  };
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
  return (v, p) => {
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
  };
}

const optText = optional(isText);
const optNumber = optional(isNumber);
const texts = listOf(isText);

const FRAME = shape({
  index: optNumber,
  site: isText,
  module: nullable(isText),
  symbol: nullable(isText),
  offset: nullable(isText),
  // Columns that frames of older shared reports carried (the arguments as a
  // string, earlier as a list): accepted, then dropped by reviveLegacyFields.
  sp: optText,
  retAddr: optText,
  args: optional(either(isText, texts)),
  trapFrame: optText,
  line: isNumber,
});

const STACK = shape({
  frames: listOf(FRAME),
  format: isText,
  line: isNumber,
  endLine: isNumber,
  source: isText,
  processor: optNumber,
  thread: optText,
  context: optional(isBoolean),
});

const THREAD = shape({
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
  waitObjects: optional(listOf(shape({ address: isText, type: isText, line: isNumber }))),
  line: isNumber,
  endLine: isNumber,
});

const LOCK = shape({
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

const VM = shape({
  physicalKb: optNumber,
  availableKb: optNumber,
  nonPagedUsageKb: optNumber,
  nonPagedNxUsageKb: optNumber,
  nonPagedMaxKb: optNumber,
  pagedUsageKb: optNumber,
  pagedMaxKb: optNumber,
  pagedPools: listOf(shape({ index: isNumber, kb: isNumber })),
  commitKb: optNumber,
  commitLimitKb: optNumber,
  pages: mapOf(isNumber),
  banners: listOf(shape({ text: isText, line: isNumber })),
  processes: listOf(shape({ pid: isText, image: isText, kb: isNumber, line: isNumber })),
  line: isNumber,
});

const POOL_COUNTS = {
  nonPagedAllocs: isNumber,
  nonPagedBytes: isNumber,
  pagedAllocs: isNumber,
  pagedBytes: isNumber,
  line: isNumber,
};

const POOL_USED = shape({
  sortedBy: isText,
  tags: listOf(shape({ tag: isText, ...POOL_COUNTS, description: optText, binary: optText })),
  total: optional(shape(POOL_COUNTS)),
});

const POOL = shape({
  address: optText,
  region: optText,
  blocks: listOf(
    shape({ address: isText, size: isText, tag: isText, allocated: isBoolean, current: isBoolean, line: isNumber }),
  ),
  ownerTag: optional(shape({ tag: isText, description: optText, binary: optText, line: isNumber })),
});

const ORIGIN = oneOf(['microsoft', 'third-party', 'unknown']);

const MODULE = shape({
  name: isText,
  start: optText,
  end: optText,
  symbols: optText,
  image: optText,
  path: optText,
  timestamp: optional(shape({ text: isText, epoch: optNumber })),
  line: isNumber,
  origin: ORIGIN,
  vendor: optText,
  product: optText,
});

const IRP = shape({
  address: optText,
  stackCount: optNumber,
  currentIndex: optNumber,
  thread: optText,
  status: optText,
  locations: listOf(
    shape({
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

const IRP_FIND_ROW = shape({
  irp: isText,
  thread: optText,
  major: isNumber,
  minor: isNumber,
  device: optText,
  driver: isText,
  line: isNumber,
});

const DEVICE_LINK = shape({ address: optText, driver: optText, line: isNumber });

const DEVICE = shape({
  address: optText,
  driver: optText,
  name: optText,
  attachedTo: optional(DEVICE_LINK),
  attachedDevice: optional(DEVICE_LINK),
  line: isNumber,
});

const DEV_STACK = shape({
  entries: listOf(
    shape({ device: isText, driver: isText, extension: optText, name: optText, current: isBoolean, line: isNumber }),
  ),
  serviceName: optText,
});

const DRIVER = shape({
  address: optText,
  driverName: optText,
  ownModule: optText,
  routines: listOf(
    shape({ name: isText, address: isText, target: isText, module: nullable(isText), line: isNumber }),
  ),
  line: isNumber,
});

const WHEA = shape({
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

const CPU = shape({ mhz: optNumber, name: optText, identifier: optText, vendor: optText, line: isNumber });

const VERIFIER = shape({
  flags: optNumber,
  enabled: listOf(shape({ bit: isNumber, name: isText })),
  line: isNumber,
});

const FILTERS = shape({
  filters: listOf(shape({ name: isText, altitude: optText, address: optText, line: isNumber })),
  instances: listOf(
    shape({ name: isText, altitude: optText, address: isText, volume: optText, filter: optText, line: isNumber }),
  ),
  volumes: listOf(
    shape({ address: isText, name: isText, fileSystem: optText, instances: texts, line: isNumber }),
  ),
});

const NDIS = shape({
  miniports: listOf(
    shape({
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
  oids: listOf(shape({ name: isText, completed: isBoolean, clonedFrom: optText, line: isNumber })),
  handlers: listOf(
    shape({ name: isText, address: isText, module: nullable(isText), minidriver: optText, line: isNumber }),
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
  decodedArgs: listOf(shape({ value: isText, label: isText, decoded: optText })),
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
  processes: listOf(shape({ address: isText, line: isNumber })),
  locks: listOf(LOCK),
  memory: shape({ vm: listOf(VM), poolUsed: listOf(POOL_USED), pools: listOf(POOL) }),
  modules: listOf(MODULE),
  irps: listOf(IRP),
  irpFind: listOf(IRP_FIND_ROW),
  devices: listOf(DEVICE),
  devStacks: listOf(DEV_STACK),
  drivers: listOf(DRIVER),
  hardware: shape({ whea: listOf(WHEA), cpu: listOf(CPU) }),
  verifier: listOf(VERIFIER),
  filters: listOf(FILTERS),
  ndis: listOf(NDIS),
  stats: shape({ lines: isNumber, blocks: isNumber, skippedLines: isNumber, truncated: isBoolean }),
  inputProblem: optText,
});

/** Is `value` a well-formed `AnalysisReport`? Null when it is, else the first problem. */
export function reportProblem(value: unknown, path = 'report'): string | null {
  return checkReport(value, path);
}
