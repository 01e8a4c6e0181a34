/**
 * The derived text of a user-mode minidump: a header saying what dumplens
 * read and what a minidump cannot give, then `vertarget`, `~`, the stored
 * exception event, `.exr -1`, `.ecxr`, `kb`, `dps` and `lm t n`, in the
 * debugger's own formats and under the faulting thread's prompt (`0:005>`).
 */
import { addr, count, formatTime, hex8 } from '../format';
import type { UserDump } from '../minidump/read-user';
import { exceptionLines, exceptionName, moduleDetailLines, moduleLines, rawStackLines, registerLines, stackLines } from './commands';
import { SessionText, wrap } from './lines';
import { archLabel, productLine, windowsName } from './system';

/** The derived text of a minidump read from `fileName`. */
export function userText(u: UserDump, fileName: string): string {
  const d = u.dump;
  const sys = d.system;
  const is64 = sys !== null && (sys.arch === 'x64' || sys.arch === 'arm64');
  const t = new SessionText(`0:${String(u.threadIndex).padStart(3, '0')}>`);
  header(t, u, fileName);

  if (sys !== null) {
    t.command('vertarget');
    const sp = d.csdVersion !== null && d.csdVersion !== '' ? ` (${d.csdVersion})` : '';
    t.push(`${windowsName(sys.major, sys.minor, sys.build)} Version ${sys.build}${sp} ${sys.processors > 1 ? 'MP' : 'UP'} (${sys.processors} procs) Free ${archLabel(sys.arch)}`);
    const product = productLine(sys.productType, sys.suiteMask);
    if (product !== null) {
      t.push(product);
    }
    t.push(`Debug session time: ${formatTime(d.header.timestamp, 0)} (UTC + 0:00)`, 'System Uptime: not available');
    const created = d.misc?.processCreateTime;
    if (created !== undefined && created > 0 && created <= d.header.timestamp) {
      const s = d.header.timestamp - created;
      t.push(`Process Uptime: ${Math.floor(s / 86400)} days ${Math.floor((s % 86400) / 3600)}:${String(Math.floor((s % 3600) / 60)).padStart(2, '0')}:${String(s % 60).padStart(2, '0')}.000`);
    }
  }

  const pid = d.misc?.processId ?? 0;
  if (d.threads.length > 0) {
    t.command('~');
    d.threads.forEach((th, k) => {
      const mark = k === u.threadIndex ? '.' : ' ';
      const name = th.name !== undefined ? ` "${th.name.replace(/"/g, "'")}"` : '';
      t.push(`${mark}${String(k).padStart(3)}  Id: ${pid.toString(16)}.${th.id.toString(16)} Suspend: ${th.suspendCount} Teb: ${addr(th.teb, is64)} Unfrozen${name}`);
    });
  }

  const ex = d.exception;
  if (ex !== null) {
    const tid = ex.threadId.toString(16);
    t.blank().push(
      'This dump file has an exception of interest stored in it.',
      'The stored exception information can be accessed via .ecxr.',
      `(${pid.toString(16)}.${tid}): ${exceptionName(ex.record.code)} - code ${hex8(ex.record.code)} (first/second chance not available)`,
    );
    if (u.crash) {
      t.command('.exr -1').push(...exceptionLines(ex.record, is64, u.modules, d.unloaded));
    } else {
      t.blank();
      for (const line of wrap(
        `dumplens: the exception stored in this dump is ${exceptionName(ex.record.code)} (0x${hex8(ex.record.code)}), a debugger event, not a crash: the dump was most likely taken on purpose (by a debugger, a tool or Task Manager), so no exception record is shown as the cause.`,
      )) {
        t.note(line);
      }
    }
  } else {
    t.blank().note('dumplens: this dump holds no exception: it was taken without a crash (for example from Task Manager, or of a hung process).');
  }

  if (u.regs !== null) {
    const cmd = u.crash ? '.ecxr' : 'r';
    t.command(cmd).push(...registerLines(u.regs, u.modules.symbolize(u.regs.ip)));
  }
  if (u.walk !== null && sys !== null) {
    const w = u.walk;
    t.command('kb').push(...stackLines(w, sys.arch, is64, false));
    t.blank();
    const how =
      w.noStack
        ? 'dumplens: the dump does not hold this thread\'s stack at its stack pointer, so only the instruction pointer is shown.'
        : w.method === 'frame-chain'
          ? 'dumplens: these frames follow the frame-pointer chain saved on the stack.'
          : `dumplens: these frames come from scanning the stack: of ${w.candidates} values that point into a module, ${w.confirmed} follow a call instruction in the code the dump holds and are listed as frames; ${w.refuted} do not, and the code of the other ${w.candidates - w.confirmed - w.refuted} is not in the dump (a minidump rarely holds code). The raw stack below shows them all.`;
    for (const line of wrap(`${how} For function names and a true unwind, open the dump in WinDbg with symbols and run kv.`)) {
      t.note(line);
    }
    if (w.slots.length > 0) {
      t.command(`dps ${addr(w.slots[0]?.address ?? 0n, is64)} L0x${w.slots.length.toString(16)}`).push(...rawStackLines(w, is64));
    }
  }
  const crashTime = d.header.timestamp > 0 ? d.header.timestamp : null;
  t.command('lm t n').push(...moduleLines(d.modules, d.unloaded, is64, crashTime));
  // The faulting module in detail: path, version and the PDB a symbol server would need.
  const faulting = ex !== null ? u.modules.find(ex.record.address)?.module : undefined;
  if (faulting !== undefined && u.crash) {
    t.command(`lmvm ${faulting.name}`).push(...moduleDetailLines(faulting, is64, crashTime));
    if (faulting.pdb !== undefined) {
      t.blank().note(`dumplens: symbols for ${faulting.image} are ${faulting.pdb.name} with GUID {${faulting.pdb.guid}} and age ${faulting.pdb.age}: what .sympath and a symbol server need to name its functions.`);
    }
  }
  return t.toString();
}

/** The comment block at the top. */
function header(t: SessionText, u: UserDump, fileName: string): void {
  const d = u.dump;
  const main = d.modules[0];
  const lines: string[] = [
    `dumplens derived this text from ${fileName}: it is not the output of a debugger. It shows what the file holds the way WinDbg prints it, so that it can be analyzed like a pasted session.`,
    `File: user-mode minidump (MDMP)${d.writer !== null ? ` written by ${d.writer}` : ''}, ${count(u.fileSize)} bytes, ${d.streams.length} streams: ${d.threads.length} threads, ${d.modules.length} modules, ${d.unloaded.length} unloaded modules, ${count(d.memory.reduce((n, r) => n + r.size, 0))} bytes of memory${d.handles !== null ? `, ${d.handles} handles` : ''}.`,
  ];
  if (main !== undefined) {
    lines.push(`Process: ${main.image}${d.misc?.processId !== undefined ? ` (process id ${d.misc.processId})` : ''}${main.path !== undefined ? `, ${main.path}` : ''}${main.version !== undefined ? `, version ${main.version}` : ''}.`);
  }
  lines.push(
    'A minidump holds no symbols and, on x64, no unwind tables a stack walk could use: code addresses show as module+offset, not function names, and the stack is rebuilt without the debugger\'s unwinder.',
  );
  for (const n of d.notes) {
    lines.push(`Note: ${n}.`);
  }
  lines.push('For function names, the full stack and the debugger\'s own analysis, open the dump in WinDbg with the Microsoft symbol server (and the program\'s symbols) and run: !analyze -v ; .ecxr ; kv');
  for (const para of lines) {
    for (const line of wrap(para)) {
      t.note(line);
    }
  }
  t.blank().push('User Mini Dump File: Only registers, stack and portions of memory are available');
}
