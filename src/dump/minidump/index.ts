/**
 * A user-mode minidump (`MDMP`), read stream by stream like rust-minidump's
 * `minidump` crate: the header and directory, then each stream this reader
 * knows (system info, exception, modules, unloaded modules, threads and
 * their names, memory lists, misc info, handle data). A stream that is cut
 * off or corrupt is left out with a note; the others are still read.
 */
import { readContext } from '../context';
import type { DumpFile } from '../file';
import { fail, ok, type LoadedModule, type MemoryRegion, type Registers, type Result, type UnloadedModule } from '../types';
import type { ByteView } from '../view';
import { readExceptionStream, type ExceptionStream } from './exception-stream';
import { MINIDUMP_HEADER_SIZE, DIRECTORY_ENTRY_SIZE, readDirectory, readMinidumpHeader, STREAM, writerOf, type MinidumpHeader, type StreamEntry } from './header';
import { readMemory64List, readMemoryList } from './memory-list';
import { readModuleList } from './module-list';
import { readMinidumpString } from './strings';
import { readHandleCount, readMiscInfo, readThreadNames, readUnloadedModules, type MiscInfo } from './small-streams';
import { otherSystem, readSystemInfo, type SystemInfo } from './system-info';
import { readThreadList, type MinidumpThread } from './thread-list';

/** Everything read from a minidump. */
export interface Minidump {
  header: MinidumpHeader;
  streams: StreamEntry[];
  /** `Breakpad` or `Crashpad` when their own streams are present. */
  writer: 'Breakpad' | 'Crashpad' | null;
  system: SystemInfo | null;
  /** Service pack text (`Service Pack 2`). */
  csdVersion: string | null;
  /** Set when the dump comes from another operating system (macOS, Linux…). */
  otherSystem: string | null;
  exception: ExceptionStream | null;
  /** Registers of the faulting thread at the exception. */
  exceptionContext: Registers | null;
  modules: LoadedModule[];
  unloaded: UnloadedModule[];
  threads: MinidumpThread[];
  memory: MemoryRegion[];
  misc: MiscInfo | null;
  handles: number | null;
  notes: string[];
}

/** The largest stream read whole; a bigger one is corrupt (or the data of a full dump, read elsewhere). */
const MAX_STREAM = 16 * 1024 * 1024;

/** The bytes of one stream (absolute offsets), or null when it cannot be read. */
async function streamView(file: DumpFile, s: StreamEntry): Promise<ByteView | null> {
  return s.size > MAX_STREAM ? null : file.view(s.rva, s.size);
}

/** Read the CONTEXT at `loc` for `sys`'s architecture. */
export async function readThreadContext(file: DumpFile, loc: { size: number; rva: number }, sys: SystemInfo | null): Promise<Result<Registers>> {
  if (sys === null) {
    return fail('no system information: the register layout is unknown');
  }
  if (loc.rva === 0 || loc.size === 0) {
    return fail('no register context recorded');
  }
  const view = await file.view(loc.rva, Math.min(loc.size, 0x2000));
  if (view === null) {
    return fail('the register context lies outside the file');
  }
  return readContext(view, loc.rva, sys.arch);
}

/** Read a minidump. Fails only when the header or directory cannot be read. */
export async function readMinidump(file: DumpFile): Promise<Result<Minidump>> {
  const head = await file.view(0, Math.min(file.size, MINIDUMP_HEADER_SIZE));
  if (head === null) {
    return fail('the minidump header cannot be read');
  }
  const header = readMinidumpHeader(head);
  if (!header.ok) {
    return header;
  }
  const h = header.value;
  const dirView = await file.view(h.directoryRva, h.streamCount * DIRECTORY_ENTRY_SIZE);
  if (dirView === null) {
    return fail(`the stream directory (${h.streamCount} entries at 0x${h.directoryRva.toString(16)}) lies outside the file: it is cut off or corrupt`);
  }
  const dir = readDirectory(dirView, h, file.size);
  if (!dir.ok) {
    return dir;
  }
  const notes: string[] = [];
  if (dir.value.outside > 0) {
    notes.push(`${dir.value.outside} stream${dir.value.outside > 1 ? 's' : ''} of the directory point past the end of the file`);
  }
  const streams = dir.value.streams;
  // The first stream of each type counts (a writer never repeats one; a hostile file might).
  const first = (type: number) => streams.find((s) => s.type === type);
  const out: Minidump = {
    header: h,
    streams,
    writer: writerOf(streams),
    system: null,
    csdVersion: null,
    otherSystem: null,
    exception: null,
    exceptionContext: null,
    modules: [],
    unloaded: [],
    threads: [],
    memory: [],
    misc: null,
    handles: null,
    notes,
  };
  const read = async (type: number, what: string, fn: (v: ByteView, s: StreamEntry) => Promise<void> | void) => {
    const s = first(type);
    if (s === undefined) {
      return;
    }
    const v = await streamView(file, s);
    if (v === null) {
      notes.push(`the ${what} stream cannot be read`);
      return;
    }
    await fn(v, s);
  };
  await read(STREAM.SystemInfo, 'system information', async (v, s) => {
    const sys = readSystemInfo(v, s.rva);
    if (!sys.ok) {
      notes.push(sys.reason);
      return;
    }
    out.system = sys.value;
    out.otherSystem = otherSystem(sys.value.platformId);
    out.csdVersion = await readMinidumpString(file, sys.value.csdVersionRva);
  });
  if (out.otherSystem !== null) {
    // Nothing more is needed to say what this file is.
    return ok(out);
  }
  await read(STREAM.Exception, 'exception', async (v, s) => {
    const e = readExceptionStream(v, s.rva);
    if (!e.ok) {
      notes.push(e.reason);
      return;
    }
    out.exception = e.value;
    const ctx = await readThreadContext(file, e.value.context, out.system);
    if (ctx.ok) {
      out.exceptionContext = ctx.value;
    } else {
      notes.push(`exception context: ${ctx.reason}`);
    }
  });
  await read(STREAM.ModuleList, 'module list', async (v, s) => {
    out.modules = await readModuleList(file, v, s.rva, s.size, notes);
  });
  await read(STREAM.UnloadedModuleList, 'unloaded module list', async (v, s) => {
    out.unloaded = await readUnloadedModules(file, v, s.rva, s.size, notes);
  });
  await read(STREAM.ThreadList, 'thread list', (v, s) => {
    out.threads = readThreadList(v, s.rva, s.size, notes);
  });
  await read(STREAM.ThreadNames, 'thread names', async (v, s) => {
    const names = await readThreadNames(file, v, s.rva, s.size);
    for (const t of out.threads) {
      const name = names.get(t.id);
      if (name !== undefined) {
        t.name = name;
      }
    }
  });
  await read(STREAM.MemoryList, 'memory list', (v, s) => {
    out.memory.push(...readMemoryList(v, s.rva, s.size, notes));
  });
  // Only the descriptors of a full dump's memory are read here, never its data.
  await read(STREAM.Memory64List, '64-bit memory list', (v, s) => {
    out.memory.push(...readMemory64List(v, s.rva, s.size, file.size, notes));
  });
  await read(STREAM.MiscInfo, 'misc information', (v, s) => {
    out.misc = readMiscInfo(v, s.rva, s.size);
  });
  await read(STREAM.HandleData, 'handle data', (v, s) => {
    out.handles = readHandleCount(v, s.rva, s.size);
  });
  // Thread stacks are memory too (the list's own descriptors).
  for (const t of out.threads) {
    if (t.stack !== null) {
      out.memory.push(t.stack);
    }
  }
  return ok(out);
}
