/**
 * The derived text of a kernel dump: a header saying what dumplens read and
 * what it could not, then `vertarget`, `.bugcheck`, `lmta` for the bug
 * check's code addresses, `.exr`/`.cxr` for the records its arguments point
 * at, `r`, `kb`, `dps` and `lm t n`, in the debugger's own formats.
 */
import { addr, count, fileTimeSeconds, formatFileTime, formatUptime, hex8 } from '../format';
import { describeDumpType } from '../kernel/header';
import { CODE_ADDRESS_ARGS, type KernelDump } from '../kernel/read-kernel';
import { findUnloaded } from '../modules';
import { exceptionLines, moduleAtLines, moduleLines, rawStackLines, registerLines, stackLines } from './commands';
import { SessionText, wrap } from './lines';
import { archLabel, productLine, windowsName, windowsOfBuild } from './system';

/** The derived text of a kernel dump read from `fileName`. */
export function kernelText(d: KernelDump, fileName: string): string {
  const h = d.header;
  const is64 = h.is64;
  const t = new SessionText('kd>');
  const triage = d.triage;
  const unloaded = triage?.unloaded ?? [];
  const crashTime = h.systemTime !== null ? fileTimeSeconds(h.systemTime) : null;
  header(t, d, fileName);

  t.command('vertarget');
  const { major, minor } = windowsOfBuild(h.build);
  const procs = h.processors ?? 1;
  t.push(`${windowsName(major, minor, h.build)} Kernel Version ${h.build} ${procs > 1 ? 'MP' : 'UP'} (${procs} procs) ${h.majorVersion === 0xc ? 'Checked' : 'Free'} ${archLabel(h.arch)}`);
  const product = productLine(h.productType, h.suiteMask);
  if (product !== null) {
    t.push(product);
  }
  const kernBase = triage?.kernBase ?? null;
  t.push(`Kernel base = ${kernBase !== null ? `0x${addr(kernBase, is64)}` : '(not recorded)'} PsLoadedModuleList = ${h.psLoadedModuleList !== null ? `0x${addr(h.psLoadedModuleList, is64)}` : '(not recorded)'}`);
  const time = h.systemTime !== null ? formatFileTime(h.systemTime) : null;
  t.push(`Debug session time: ${time ?? 'not recorded'}`);
  const up = h.systemUpTime !== null ? formatUptime(h.systemUpTime) : null;
  t.push(`System Uptime: ${up ?? 'not available'}`);

  const bc = h.bugcheck;
  if (bc !== null) {
    t.command('.bugcheck');
    t.push(`Bugcheck code ${hex8(bc.code).toUpperCase()}`, `Arguments ${bc.args.map((a) => addr(a, is64)).join(' ')}`);
    const codeArg = CODE_ADDRESS_ARGS.get(bc.code);
    const value = codeArg !== undefined ? bc.args[codeArg - 1] : undefined;
    if (codeArg !== undefined && value !== undefined && value !== 0n) {
      const hit = d.modules.find(value);
      if (hit !== undefined) {
        t.command(`lmta ${addr(value, is64)}`).push(...moduleAtLines(hit.module, is64, crashTime));
      } else {
        const u = findUnloaded(unloaded, value);
        t.blank().note(
          u !== undefined
            ? `Arg${codeArg} ${addr(value, is64)} lies in the range where ${u.image} was loaded before it was unloaded (+0x${(value - u.base).toString(16)}).`
            : `Arg${codeArg} ${addr(value, is64)} lies in no module this dump lists.`,
        );
      }
    }
  } else {
    t.blank().note('The header records no bug check code.');
  }

  if (d.exr !== null) {
    t.command(`.exr ${addr(d.exr.address, is64)}`);
    if (d.exr.value !== null) {
      t.push(...exceptionLines(d.exr.value, is64, d.modules, unloaded));
    } else {
      t.push(`Cannot read exception record @ ${addr(d.exr.address, is64)}`);
    }
  } else if (d.headerException !== null) {
    t.command('.exr -1').push(...exceptionLines(d.headerException, is64, d.modules, unloaded));
  }

  // The registers: the context record the bug check names (`.cxr`), and the header's (`r`).
  const cxrRegs = d.cxr?.value ?? null;
  const stackContext = cxrRegs ?? d.headerContext;
  // The header's context is often the same as the one the bug check names: shown once then.
  if (d.headerContext !== null && (cxrRegs === null || cxrRegs.ip !== d.headerContext.ip || cxrRegs.sp !== d.headerContext.sp)) {
    t.command('r').push(...registerLines(d.headerContext, d.modules.symbolize(d.headerContext.ip)));
  }
  if (d.cxr !== null) {
    t.command(`.cxr 0x${addr(d.cxr.address, is64).replace('`', '')}`);
    if (d.cxr.value !== null) {
      t.push(...registerLines(d.cxr.value, d.modules.symbolize(d.cxr.value.ip)));
    } else {
      t.push(`Unable to read context, ${d.cxr.problem ?? 'the memory is not in the dump'}`);
    }
  }

  if (d.walk !== null && stackContext !== null) {
    const w = d.walk;
    t.command('kb').push(...stackLines(w, h.arch, is64, cxrRegs !== null));
    t.blank();
    for (const line of wrap(stackNote(w, h.arch))) {
      t.note(line);
    }
    if (w.slots.length > 0) {
      t.command(`dps ${addr(w.slots[0]?.address ?? 0n, is64)} L0x${w.slots.length.toString(16)}`).push(...rawStackLines(w, is64));
      const inUnloaded = w.slots.filter((s) => s.site?.startsWith('<') === true);
      if (inUnloaded.length > 0) {
        t.blank();
        for (const s of inUnloaded.slice(0, 20)) {
          t.note(`${addr(s.address, is64)} holds ${addr(s.value, is64)}, inside the range of an unloaded driver: ${s.site as string}`);
        }
      }
    }
  }

  if (triage !== null) {
    t.command('lm t n').push(...moduleLines(d.modules.modules, unloaded, is64, crashTime));
  }
  return t.toString();
}

/** What the stack below is and how far to trust it. */
function stackNote(w: NonNullable<KernelDump['walk']>, arch: KernelDump['header']['arch']): string {
  if (w.noStack) {
    return 'dumplens: the dump does not hold the stack at this stack pointer, so only the instruction pointer is shown.';
  }
  const base =
    w.method === 'frame-chain'
      ? 'dumplens: these frames follow the frame-pointer chain saved on the stack.'
      : `dumplens: these frames come from scanning the stack: of ${w.candidates} values that point into a module, ${w.confirmed} follow a call instruction in the code the dump holds and are listed as frames; ${w.refuted} do not (data, not return addresses), and the code of the other ${w.candidates - w.confirmed - w.refuted} is not in the dump.`;
  const unwind = arch === 'x64' ? ' A true x64 unwind needs the drivers\' unwind tables, which a small dump does not hold:' : ' For certainty';
  return `${base}${unwind} open the dump in WinDbg with symbols and run kv.`;
}

/** The comment block at the top: what this text is, what was read, what a small dump cannot give. */
function header(t: SessionText, d: KernelDump, fileName: string): void {
  const h = d.header;
  const lines: string[] = [
    `dumplens derived this text from ${fileName}: it is not the output of a debugger. It shows what the file holds the way WinDbg prints it, so that it can be analyzed like a pasted session.`,
    `File: ${describeDumpType(h.dumpType)} (dump type ${h.dumpType ?? '?'}), ${count(d.fileSize)} bytes, ${h.is64 ? '64-bit (PAGEDU64)' : '32-bit (PAGEDUMP)'} header.`,
  ];
  if (d.triage !== null) {
    const tr = d.triage;
    lines.push(
      `Read: the header, ${tr.drivers.length} loaded and ${tr.unloaded.length} unloaded drivers, the faulting thread's stack (${count(tr.header.sizeOfCallStack)} bytes) and ${count(d.memoryBytes)} bytes of memory in ${tr.header.dataBlocksCount} blocks.`,
      'A small memory dump holds no symbols and no unwind tables: code addresses show as module+offset, not function names, and the stack is rebuilt without the debugger\'s unwinder.',
    );
  } else {
    lines.push(
      'Read: the dump header only (its first pages). The driver list, the stacks and the memory of this dump are reached through the kernel\'s page tables, which dumplens does not translate: it shows the bug check, the system facts and the registers the header holds.',
      d.layout !== null && d.layout.presentPages !== null ? `The file stores ${count(Number(d.layout.presentPages))} pages of physical memory (${d.layout.signature || 'raw'} layout).` : '',
    );
  }
  for (const n of d.notes) {
    lines.push(`Note: ${n}.`);
  }
  lines.push('For function names, the full stack and the debugger\'s own analysis, open the dump in WinDbg with the Microsoft symbol server and run: !analyze -v ; lm t n ; kv');
  for (const para of lines.filter((l) => l !== '')) {
    for (const line of wrap(para)) {
      t.note(line);
    }
  }
  const banner = loadBanner(h.dumpType);
  if (banner !== null) {
    t.blank().push(banner);
  }
}

/** The line the debugger prints when it opens a dump of this type. */
function loadBanner(type: number | null): string | null {
  switch (type) {
    case 4:
      return 'Mini Kernel Dump File: Only registers and stack trace are available';
    case 1:
    case 5:
    case 10:
      return 'Kernel Complete Dump File: Full address space is available';
    case 2:
    case 6:
    case 8:
    case 9:
      return 'Kernel Bitmap Dump File: Kernel address space is available, User address space may not be available.';
    default:
      return null;
  }
}
