// Synthetic debugger sessions for the benchmark (scripts/bench.mjs) and the
// responsiveness test (tests/e2e/specs/perf.spec.mjs).
//
// `generateSession(bytes)` writes a kernel session in the debuggers' real
// formats — `!analyze -v`, `!process 0 7` (processes × threads × x64 stacks),
// `!poolused 2`, `lm t n`, `!irpfind` — followed by a user-mode `~*kb`, scaled
// so the text is about `bytes` long. `generateAdversarial(bytes)` writes text
// made to trip backtracking regexes: megabyte-long lines, runs of hex,
// backticks and spaces, prompts and headers with endless tails.
// Both are deterministic (a seeded PRNG), so runs compare.

/** mulberry32: a small deterministic PRNG. */
function prng(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const hex = (n, width) => n.toString(16).padStart(width, '0');
/** A 64-bit kernel address above fffff800`00000000, as the debugger prints it. */
const addr64 = (n) => `${hex(0xfffff800 + Math.floor(n / 2 ** 32), 8)}\`${hex(n % 2 ** 32, 8)}`;

function makeTools(seed) {
  const rnd = prng(seed);
  const int = (n) => Math.floor(rnd() * n);
  const pick = (list) => list[int(list.length)];
  /** A 64-bit kernel address with the debugger's backtick: fffffa80`0cd04b50. */
  const kaddr = (prefix = 'fffffa80') => `${prefix}\`${hex(int(0x100000000), 8)}`;
  const flat = (prefix = 'fffffa80') => `${prefix}${hex(int(0x100000000), 8)}`;
  return { rnd, int, pick, kaddr, flat };
}

const KERNEL_FRAMES = [
  'nt!KiSwapContext+0x7a',
  'nt!KiCommitThreadWait+0x1d2',
  'nt!KeWaitForSingleObject+0x19f',
  'nt!KeWaitForMultipleObjects+0x271',
  'nt!KiDeliverApc+0x1d7',
  'nt!ObpWaitForMultipleObjects+0x294',
  'nt!NtWaitForMultipleObjects+0xe5',
  'nt!KiSystemServiceCopyEnd+0x13',
  'nt!ExpWorkerThread+0x111',
  'nt!PspSystemThreadStartup+0x5a',
  'nt!KxStartSystemThread+0x16',
  'nt!IopSynchronousServiceTail+0x1a8',
  'nt!NtDeviceIoControlFile+0x56',
  'Ntfs!NtfsCommonRead+0x2c1',
  'fltmgr!FltpDispatch+0xb7',
  'ndis!ndisMIndicateNetBufferListsToOpen+0x141',
  'tcpip!TcpTcbReceive+0x2a1',
  'afd!AfdReceive+0x3f0',
  'win32k!xxxRealSleepThread+0x257',
  'win32k!xxxSleepThread+0x4a',
  'contosonet+0x35dd',
  'contosonet!CnQueueWork+0x4627',
  'fabrikamflt!FfPreCreate+0x1c2',
  'nt! ?? ::FNODOBFM::`string\'+0x4e3e',
];

const USER_FRAMES = [
  'ntdll!NtWaitForSingleObject+0x14',
  'KERNELBASE!WaitForSingleObjectEx+0x93',
  'ntdll!NtWaitForMultipleObjects+0x14',
  'KERNELBASE!WaitForMultipleObjectsEx+0xf0',
  'ntdll!TppWorkerThread+0x68e',
  'ntdll!NtRemoveIoCompletion+0x14',
  'KERNELBASE!GetQueuedCompletionStatus+0x4a',
  'contoso!Worker::Run+0x1c2',
  'contoso!Queue::Pop+0x8f',
  'ucrtbase!thread_start<unsigned int (__cdecl*)(void *),1>+0x42',
  'KERNEL32!BaseThreadInitThunk+0x14',
  'ntdll!RtlUserThreadStart+0x21',
];

const IMAGES = ['svchost.exe', 'lsass.exe', 'sqlservr.exe', 'w3wp.exe', 'explorer.exe', 'csrss.exe', 'services.exe', 'contoso.exe'];
const WAITS = [
  ['Executive', 'KernelMode'],
  ['UserRequest', 'UserMode'],
  ['WrQueue', 'KernelMode'],
  ['DelayExecution', 'UserMode'],
  ['WrLpcReply', 'UserMode'],
];
const TAGS = ['Se  ', 'File', 'MmSt', 'Ntfx', 'Irp ', 'Thre', 'Proc', 'CM31', 'FMfc', 'NDnd', 'Cont', 'Fab1', 'Toke', 'Vad ', 'ObNm'];
const DRIVERS = ['\\Driver\\contosonet', '\\FileSystem\\Ntfs', '\\Driver\\disk', '\\Driver\\fabrikamflt', '\\Driver\\NDIS', '\\Driver\\usbhub'];
const DAYS = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'];
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

const ANALYZE_V = `*******************************************************************************
*                                                                             *
*                        Bugcheck Analysis                                    *
*                                                                             *
*******************************************************************************

DRIVER_POWER_STATE_FAILURE (9f)
A driver has failed to complete a power IRP within a specific time.
Arguments:
Arg1: 0000000000000003, A device object has been blocking an Irp for too long a time
Arg2: fffffa80026ae060, Physical Device Object of the stack
Arg3: fffff80000b9c518, nt!TRIAGE_9F_POWER on Win7 and higher, otherwise the Functional Device Object of the stack
Arg4: fffffa8003166010, The blocked IRP

Debugging Details:
------------------

DRVPOWERSTATE_SUBCODE:  3

IRP_ADDRESS:  fffffa8003166010

DEVICE_OBJECT: fffffa800416a050

DRIVER_OBJECT: fffffa80040a3200

IMAGE_NAME:  contosonet.sys

MODULE_NAME: contosonet

FAULTING_MODULE: fffff88004a00000 contosonet

BUGCHECK_STR:  0x9F

PROCESS_NAME:  System

STACK_TEXT:
fffff800\`00b9c4c8 fffff800\`02f0d5b2 : 00000000\`0000009f 00000000\`00000003 fffffa80\`026ae060 fffff800\`00b9c518 : nt!KeBugCheckEx
fffff800\`00b9c4d0 fffff800\`02ea9f4c : fffff800\`00b9c608 fffff800\`00b9c608 00000000\`00000000 00000000\`00000000 : nt! ?? ::FNODOBFM::\`string'+0x292b0
fffff800\`00b9c570 fffff800\`02ea9de6 : fffffa80\`03b7e168 fffffa80\`03b7e168 00000000\`00000000 00000000\`00000000 : nt!KiProcessTimerDpcTable+0x6c
fffff800\`00b9c5e0 fffff800\`02ea9cce : 00000004\`9d1ad0d7 fffff800\`00b9cc58 00000000\`000ba1e1 fffff800\`0301c8a8 : nt!KiProcessExpiredTimerList+0xc6
fffff800\`00b9cc30 fffff800\`02ea9ab7 : 00000001\`31c31cb1 00000001\`000ba1e1 00000001\`31c31c33 00000000\`000000e1 : nt!KiTimerExpiration+0x1be
fffff800\`00b9ccd0 fffff800\`02e96eea : fffff800\`03016e80 fffff800\`03024cc0 00000000\`00000000 fffff880\`04a0a3e0 : nt!KiRetireDpcList+0x277
fffff800\`00b9cd80 00000000\`00000000 : fffff800\`00b9d000 fffff800\`00b97000 fffff800\`00b9cd40 00000000\`00000000 : nt!KiIdleLoop+0x5a


STACK_COMMAND:  kb

FOLLOWUP_NAME:  MachineOwner

IMAGE_VERSION:  6.1.7601.17514

FAILURE_BUCKET_ID:  X64_0x9F_3_contosonet_IMAGE_contosonet.sys

Followup: MachineOwner
---------
`;

/** One x64 kernel stack with arguments (the `!process 0 7` / `kb` form). */
function kernelStack(t, frames, indent) {
  const out = [`${indent}Child-SP          RetAddr           : Args to Child                                                           : Call Site`];
  let sp = t.int(0x10000000);
  for (let f = 0; f < frames; f++) {
    sp += 0x40 + t.int(0x200);
    const site = f === frames - 1 ? 'nt!KxStartSystemThread+0x16' : t.pick(KERNEL_FRAMES);
    out.push(
      `${indent}fffff880\`${hex(sp & 0xffffffff, 8)} ${t.kaddr('fffff800')} : ${t.kaddr()} ${t.kaddr()} 00000000\`${hex(t.int(0x10000), 8)} ${t.kaddr('fffff880')} : ${site}`,
    );
  }
  return out;
}

function processBlock(t, pid, threads) {
  const proc = t.flat();
  const image = t.pick(IMAGES);
  const out = [
    `PROCESS ${proc}`,
    `    SessionId: 0  Cid: ${hex(pid, 4)}    Peb: 7fffffd${hex(t.int(0x1000), 3)}  ParentCid: ${hex(t.int(0x1000), 4)}`,
    `    DirBase: ${hex(t.int(0x10000000), 8)}  ObjectTable: ${t.flat('fffff8a0')}  HandleCount: ${t.int(3000)}.`,
    `    Image: ${image}`,
    `    VadRoot ${t.flat()} Vads ${t.int(900)} Clone 0 Private ${t.int(90000)}. Modified ${t.int(9000)}. Locked 0.`,
    `    DeviceMap ${t.flat('fffff8a0')}`,
    `    Token                             ${t.flat('fffff8a0')}`,
    `    ElapsedTime                       00:${hex(t.int(60), 2)}:58.113`,
    `    UserTime                          00:00:00.${t.int(999)}`,
    `    KernelTime                        00:00:17.830`,
    `    QuotaPoolUsage[PagedPool]         ${t.int(200000)}`,
    `    QuotaPoolUsage[NonPagedPool]      ${t.int(40000)}`,
    `    Working Set Sizes (now,min,max)  (1289, 50, 345) (5156KB, 200KB, 1380KB)`,
    `    PeakWorkingSetSize                5764`,
    `    VirtualSize                       ${t.int(900)} Mb`,
    `    PeakVirtualSize                   ${t.int(900)} Mb`,
    `    PageFaultCount                    36254`,
    `    MemoryPriority                    BACKGROUND`,
    `    BasePriority                      8`,
    `    CommitCharge                      ${t.int(9000)}`,
    '',
  ];
  for (let k = 0; k < threads; k++) {
    const thread = t.flat();
    const [reason, mode] = t.pick(WAITS);
    const ticks = t.int(400000);
    const secs = Math.floor((ticks * 15.6) / 1000);
    out.push(
      `        THREAD ${thread}  Cid ${hex(pid, 4)}.${hex(t.int(0x10000), 4)}  Teb: 000007fffffd${hex(t.int(0x1000), 4)} Win32Thread: 0000000000000000 WAIT: (${reason}) ${mode} Non-Alertable`,
      `            ${t.flat()}  SynchronizationEvent`,
    );
    if (t.int(20) === 0) {
      out.push(`        IRP List:`, `            ${t.flat()}: (0006,0118) Flags: 00060000  Mdl: 00000000`);
    }
    out.push(
      `        Not impersonating`,
      `        DeviceMap                 ${t.flat('fffff8a0')}`,
      `        Owning Process            ${proc}       Image:         ${image}`,
      `        Attached Process          N/A            Image:         N/A`,
      `        Wait Start TickCount      ${t.int(900000)}         Ticks: ${ticks} (0:${hex(Math.floor(secs / 3600) % 24, 2)}:${String(Math.floor(secs / 60) % 60).padStart(2, '0')}:${String(secs % 60).padStart(2, '0')}.${String(t.int(1000)).padStart(3, '0')})`,
      `        Context Switch Count      ${t.int(90000)}          IdealProcessor: ${t.int(8)}`,
      `        UserTime                  00:00:00.000`,
      `        KernelTime                00:00:00.078`,
      `        Win32 Start Address ${image.replace(/\.exe$/, '')}!wmainCRTStartup (0x${hex(t.int(0x100000000), 8)})`,
      `        Stack Init ${t.flat('fffff880')} Current ${t.flat('fffff880')}`,
      `        Base ${t.flat('fffff880')} Limit ${t.flat('fffff880')} Call 0000000000000000`,
      `        Priority 9 BasePriority 8 UnusualBoost 0 ForegroundBoost 0 IoPriority 2 PagePriority 5`,
      ...kernelStack(t, 6 + t.int(12), '        '),
      '',
    );
  }
  return out.join('\n');
}

function poolusedBlock(t, rows) {
  const out = [
    '1: kd> !poolused 2',
    '.',
    ' Sorting by  NonPaged Pool Consumed',
    '',
    '               NonPaged                  Paged',
    ' Tag     Allocs         Used     Allocs         Used',
    '',
  ];
  let np = 0;
  let pp = 0;
  for (let r = 0; r < rows; r++) {
    const tag = r < TAGS.length ? TAGS[r] : `${String.fromCharCode(65 + (r % 26))}${String.fromCharCode(97 + ((r / 26) | 0) % 26)}${hex(r % 256, 2)}`;
    const nb = Math.max(0, 50_000_000 - r * 997);
    const pb = t.int(1_000_000);
    np += nb;
    pp += pb;
    const desc =
      r % 3 === 0
        ? `UNKNOWN pooltag '${tag}', please update pooltag.txt`
        : `${t.pick(['General allocations', 'Mm section object prototype ptes', 'Filter manager context', 'NDIS buffers'])} , Binary: ${t.pick(['nt!se', 'nt!mm', 'fltmgr.sys', 'ndis.sys', 'contosonet.sys'])}`;
    out.push(` ${tag.padEnd(4)} ${String(t.int(90000)).padStart(10)} ${String(nb).padStart(12)} ${String(t.int(9000)).padStart(10)} ${String(pb).padStart(12)}  ${desc}`);
  }
  out.push(` TOTAL ${String(rows * 40).padStart(10)} ${String(np).padStart(12)} ${String(rows * 9).padStart(10)} ${String(pp).padStart(12)}`, '');
  return out.join('\n');
}

function lmBlock(t, rows) {
  const out = ['1: kd> lm t n', 'start             end                 module name'];
  let base = 0x02800000;
  for (let r = 0; r < rows; r++) {
    const name = r === 0 ? 'nt' : r === 1 ? 'hal' : `drv${hex(r, 4)}`;
    const image = r === 0 ? 'ntkrnlmp.exe' : r === 1 ? 'hal.dll' : `${name}.sys`;
    const size = 0x8000 + t.int(0x80000);
    const stamp = 0x40000000 + t.int(0x20000000);
    const d = new Date(stamp * 1000);
    const when = `${DAYS[d.getUTCDay()]} ${MONTHS[d.getUTCMonth()]} ${String(d.getUTCDate()).padStart(2)} ${d.toISOString().slice(11, 19)} ${d.getUTCFullYear()}`;
    out.push(`${addr64(base)} ${addr64(base + size)}   ${name.padEnd(12)} ${image.padEnd(14)} ${when} (${hex(stamp, 8).toUpperCase()})`);
    base += size + 0x1000;
  }
  out.push('', 'Unloaded modules:');
  for (let r = 0; r < Math.min(20, rows); r++) {
    out.push(`fffff880\`${hex(0x0a000000 + r * 0x20000, 8)} fffff880\`${hex(0x0a011000 + r * 0x20000, 8)}   dump_drv${r}.sys`);
  }
  out.push('');
  return out.join('\n');
}

function irpfindBlock(t, rows) {
  const out = [
    '1: kd> !irpfind',
    '',
    'Scanning large pool allocation table for Tag: Irp? (fffffa8013a00000 : fffffa8013c00000)',
    '',
    '  Irp    [ Thread ] irpStack: (Mj,Mn)   DevObj  [Driver]         MDL Process',
  ];
  for (let r = 0; r < rows; r++) {
    const mdl = t.int(4) === 0 ? ` 0x${t.flat()}` : '';
    out.push(`${t.flat()} [${t.flat()}] irpStack: (${hex(t.int(0x1c), 1).padStart(2)},${hex(t.int(4), 1).padStart(2)})  ${t.flat()} [${t.pick(DRIVERS)}]${mdl}`);
  }
  out.push('');
  return out.join('\n');
}

function userThreadsBlock(t, threads) {
  const out = ['0:000> ~*kb', ''];
  let teb = 0x4a2f1000;
  for (let k = 0; k < threads; k++) {
    teb += 0x2000;
    out.push(
      `${k === 0 ? '.' : ' '}${String(k).padStart(4)}  Id: 1a2c.${hex(0x1a30 + k * 4, 4)} Suspend: 0 Teb: 000000ea\`${hex(teb, 8)} Unfrozen`,
      ' # Child-SP          RetAddr               : Args to Child                                                           : Call Site',
    );
    const frames = 5 + t.int(10);
    let sp = 0x4a4ff000 + t.int(0x100000);
    for (let f = 0; f < frames; f++) {
      sp += 0x30 + t.int(0x100);
      const site = f === frames - 1 ? 'ntdll!RtlUserThreadStart+0x21' : t.pick(USER_FRAMES);
      out.push(
        `${hex(f, 2)} 000000ea\`${hex(sp, 8)} 00007ffa\`${hex(t.int(0x100000000), 8)}     : 00000000\`${hex(t.int(0x10000), 8)} 00000000\`00000000 000000ea\`${hex(t.int(0x100000000), 8)} 00000000\`00000000 : ${site}`,
      );
    }
    out.push('');
  }
  return out.join('\n');
}

/**
 * A kernel + user session of about `bytes` characters: `!analyze -v` and
 * `lm t n` / `!poolused 2` / `!irpfind` / `!process 0 7` / `~*kb` sharing the
 * rest (process listing about half of it).
 */
export function generateSession(bytes, seed = 1) {
  const t = makeTools(seed);
  const parts = [
    'Microsoft (R) Windows Debugger Version 10.0.22621.2428 AMD64',
    'Copyright (c) Microsoft Corporation. All rights reserved.',
    '',
    'Loading Dump File [C:\\Windows\\MEMORY.DMP]',
    'Kernel Bitmap Dump File: Kernel address space is available, User address space may not be available.',
    '',
    'BugCheck 9F, {3, fffffa80026ae060, fffff80000b9c518, fffffa8003166010}',
    '',
    '1: kd> !analyze -v',
    ANALYZE_V,
  ];
  const budget = Math.max(0, bytes - parts.join('\n').length);
  // Row sizes measured from the generators: lm ≈ 100 B/row, poolused ≈ 100 B/row,
  // irpfind ≈ 120 B/row, a user thread ≈ 1.8 KB, a process with threads ≈ 2.6 KB/thread.
  parts.push(lmBlock(t, Math.max(50, Math.round((budget * 0.1) / 100))));
  parts.push(poolusedBlock(t, Math.max(20, Math.round((budget * 0.1) / 100))));
  parts.push(irpfindBlock(t, Math.max(20, Math.round((budget * 0.1) / 120))));
  let text = parts.join('\n');
  const processBudget = bytes * 0.78 - text.length;
  const procOut = ['1: kd> !process 0 7', '**** NT ACTIVE PROCESS DUMP ****'];
  let size = 0;
  let pid = 4;
  while (size < processBudget) {
    const block = processBlock(t, pid, 4 + t.int(60));
    procOut.push(block);
    size += block.length + 1;
    pid += 4;
  }
  text += `\n${procOut.join('\n')}\n`;
  const userBudget = bytes - text.length;
  const userOut = [];
  size = 0;
  let k = 0;
  while (size < userBudget) {
    const block = userThreadsBlock(t, 50);
    userOut.push(block.replace(/^0:000> ~\*kb\n\n/, k === 0 ? '0:000> ~*kb\n\n' : ''));
    size += block.length + 1;
    k++;
  }
  text += userOut.join('\n');
  return text.length > bytes ? text.slice(0, text.lastIndexOf('\n', bytes)) + '\n' : text;
}

/**
 * Text of about `bytes` characters made to trip backtracking regexes: lines of
 * a megabyte and more, runs of hex digits, backticks and spaces, prompts and
 * debugger headers followed by endless tails, and ordinary lines in between.
 */
export function generateAdversarial(bytes, seed = 2) {
  const t = makeTools(seed);
  const pieces = [
    (MB) => 'fffff880`'.repeat(MB / 9), // a megabyte of address halves
    (MB) => '0'.repeat(MB), // hex run
    (MB) => 'fffff880`03bd22c0 '.repeat(MB / 18) + ': nt', // addresses that never reach a call site
    (MB) => '`'.repeat(MB), // backticks
    (MB) => ' '.repeat(MB) + 'x', // spaces then a character
    (MB) => `0: kd> ${' '.repeat(MB)}k`, // a prompt with a megabyte-long tail
    (MB) => `PROCESS ${'f'.repeat(MB)}`,
    (MB) => `THREAD fffffa8007005660  Cid ${'0'.repeat(MB / 2)}.${' '.repeat(MB / 2)}`,
    (MB) => `Child-SP          RetAddr           : ${'fffffa80`07005660 '.repeat(MB / 18)}`,
    (MB) => `00 ${'fffff880`03bd22c0 '.repeat(MB / 36)}${' '.repeat(MB / 2)}nt!Foo`,
    (MB) => `Arg1: ${'0'.repeat(MB / 2)}, ${'a '.repeat(MB / 4)}`,
    (MB) => ` Tag ${' 0'.repeat(MB / 2)}`,
    (MB) => `${'Se  '.repeat(MB / 8)} 1 2 3 4 ${'x'.repeat(MB / 2)}`,
    (MB) => 'nt!'.repeat(MB / 3) + '+0x',
    (MB) => '(' + 'TrapFrame @ '.repeat(MB / 12),
    (MB) => 'fffffa80`0d035ee8  ' + 'NotificationEvent '.repeat(MB / 18),
    (MB) => '*** ERROR: Module load completed but symbols could not be loaded for ' + 'x'.repeat(MB),
    (MB) => `${'\t'.repeat(MB / 2)}${'\u00a0'.repeat(MB / 2)}`,
    (MB) => 'a'.repeat(MB / 2) + '!' + 'b'.repeat(MB / 2) + '+',
    (MB) => 'Resource @ ' + '0x'.repeat(MB / 2),
    (MB) => `fffff800\`0280b000 fffff800\`02df4000   nt  ${'ntkrnlmp.exe '.repeat(MB / 13)}`,
    (MB) => `${'8f14d970 '.repeat(MB / 9)}volmgr!Vm`,
    (MB) => `${'ffffe000`69cdb880: (0006,0118) Flags: '.repeat(MB / 38)}`,
    (MB) => `${'BugCheck 9F, {'.repeat(MB / 14)}`,
    (MB) => `${'0:000> '.repeat(MB / 7)}`,
  ];
  // The first three lines are a megabyte long; the others share the rest, so
  // every piece appears even in a 10 MB text.
  const MEGA = 1 << 20;
  const rest = Math.max(4096, Math.floor((bytes - 3 * MEGA) / (pieces.length - 3) / 1.05));
  const out = [];
  let size = 0;
  let k = 0;
  while (size < bytes) {
    const n = k / 2 < 3 ? MEGA : rest;
    const line = k % 2 === 0 ? pieces[(k / 2) % pieces.length](n) : `fffff880\`03bd22c0 fffff800\`032845f2 : fffffa80\`07005660 fffffa80\`07005660 00000000\`00000000 00000000\`00000000 : nt!KiSwapContext+0x7a\n${'x'.repeat(t.int(80))}`;
    out.push(line);
    size += line.length + 1;
    k++;
  }
  return out.join('\n').slice(0, bytes);
}
