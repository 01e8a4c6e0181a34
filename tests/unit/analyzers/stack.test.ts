import { describe, expect, it } from 'vitest';
import { allStacks, blocksOf, runText } from '../../../src/analyzers/run';
import { frameColumns, parseFrameLine, parseSite } from '../../../src/analyzers/commands/stack';
import { analyze } from '../../../src/analyzers';

describe('parseSite', () => {
  it('splits module, symbol and offset', () => {
    expect(parseSite('nt!KeBugCheckEx+0x1e')).toMatchObject({ module: 'nt', symbol: 'KeBugCheckEx', offset: '0x1e' });
    expect(parseSite('nvlddmkm+0x340827')).toMatchObject({ module: 'nvlddmkm', symbol: null, offset: '0x340827' });
    expect(parseSite('0x7799161a')).toMatchObject({ module: null });
  });

  it('keeps odd symbols whole and drops annotations', () => {
    expect(parseSite("nt! ?? ::FNODOBFM::`string'+0x4e3e")).toMatchObject({ module: 'nt', offset: '0x4e3e' });
    const trap = parseSite('nt!KiSystemServiceCopyEnd+0x13 (TrapFrame @ fffff880`06e53ae0)');
    expect(trap).toMatchObject({ site: 'nt!KiSystemServiceCopyEnd+0x13', trapFrame: 'fffff88006e53ae0' });
    expect(parseSite('nt!KiSwapContext+0x26 (FPO: [Uses EBP] [0,0,4])').site).toBe('nt!KiSwapContext+0x26');
    expect(parseSite('nt!KxFlushEntireTb+0x93 <- flushing the buffers.').site).toBe('nt!KxFlushEntireTb+0x93');
  });
});

describe('parseFrameLine', () => {
  it('reads x64 frames with arguments', () => {
    const f = parseFrameLine(
      'fffff880`02fddce8 fffff800`02ec7169 : 00000000`0000007f 00000000`00000008 00000000`80050033 00000000`000406f8 : nt!KeBugCheckEx',
      7,
    );
    expect(f).toMatchObject({ format: 'x64', module: 'nt', symbol: 'KeBugCheckEx', line: 7 });
    // The frame keeps no columns: they are read from the line when needed, as printed.
    expect(f).not.toHaveProperty('args');
  });

  it('reads the columns of a frame line again on demand', () => {
    const usual = 'fffff880`02fddce8 fffff800`02ec7169 : 00000000`0000007f 00000000`00000008 00000000`80050033 00000000`000406f8 : nt!KeBugCheckEx';
    expect(frameColumns(usual)).toEqual({
      sp: 'fffff880`02fddce8',
      retAddr: 'fffff800`02ec7169',
      args: '00000000`0000007f 00000000`00000008 00000000`80050033 00000000`000406f8',
    });
    // Spelled otherwise (wider gaps, two arguments), the general pattern reads the same columns.
    expect(frameColumns('  fffff880`02fddce8  fffff800`02ec7169 :  00000000`0000007f  00000000`00000008 : nt!KeBugCheckEx')).toEqual({
      sp: 'fffff880`02fddce8',
      retAddr: 'fffff800`02ec7169',
      args: '00000000`0000007f  00000000`00000008',
    });
    expect(frameColumns('926fbb98 816cb3bf 888dc030 888dc0b8 8170c920 nt!KiSwapContext+0x26')).toEqual({ sp: '926fbb98', retAddr: '816cb3bf', args: '888dc030 888dc0b8 8170c920' });
    expect(frameColumns('04 de0c55b8 8e556044 nt!VerifierExFreePoolWithTag+0x30')).toEqual({ sp: 'de0c55b8', retAddr: '8e556044', args: undefined });
    expect(frameColumns('00 ntdll!NtDeviceIoControlFile')).toBeNull();
    expect(frameColumns('not a frame')).toBeNull();
  });

  it('reads numbered x64 (knL) and x86 (kL) frames', () => {
    expect(parseFrameLine('00 fffff880`138be698 fffff800`03b45d50 nt!KeBugCheckEx', 1)).toMatchObject({ index: 0, format: 'kn', symbol: 'KeBugCheckEx' });
    expect(parseFrameLine('04 de0c55b8 8e556044 nt!VerifierExFreePoolWithTag+0x30', 1)).toMatchObject({ index: 4, module: 'nt' });
  });

  it('reads x86 frames with three arguments and FPO data', () => {
    const f = parseFrameLine('926fbb98 816cb3bf 888dc030 888dc0b8 8170c920 nt!KiSwapContext+0x26 (FPO: [Uses EBP] [0,0,4])', 3);
    expect(f).toMatchObject({ format: 'x86', symbol: 'KiSwapContext' });
    expect(frameColumns('926fbb98 816cb3bf 888dc030 888dc0b8 8170c920 nt!KiSwapContext+0x26 (FPO: [Uses EBP] [0,0,4])')?.args).toBe('888dc030 888dc0b8 8170c920');
  });

  it('reads kcn frames, and bare kc frames only when told the context is a stack', () => {
    expect(parseFrameLine('0e vmms!VmmsClusterManager::IsVmHealthy', 1)).toMatchObject({ index: 14, module: 'vmms' });
    expect(parseFrameLine('ntdll!NtDeviceIoControlFile', 1)).toBeNull();
    expect(parseFrameLine('ntdll!NtDeviceIoControlFile', 1, true)).toMatchObject({ module: 'ntdll' });
  });

  it('rejects prose, registers and disassembly', () => {
    expect(parseFrameLine('So looking at the callstack this is what we see', 1)).toBeNull();
    expect(parseFrameLine('rax=0000000000000001 rbx=0000000000000000 rcx=0000000000000202', 1)).toBeNull();
    expect(parseFrameLine('fffff800`03aab937 f390            pause', 1)).toBeNull();
  });
});

describe('the stack analyzer through the runner', () => {
  const kv = [
    '0: kd> kv',
    'Child-SP          RetAddr           : Args to Child                                                           : Call Site',
    'fffff880`06e53328 fffff800`03b2da4a : 00000000`00000101 00000000`00000031 00000000`00000000 fffff880`03165180 : nt!KeBugCheckEx',
    'fffff880`06e53330 fffff800`03ae06f7 : 00000000`00000000 fffff800`00000002 00000000`00002710 fffff880`06e53450 : nt!KeUpdateSystemTime+0x377',
  ];

  it('finds a stack after its command and records processor and source', () => {
    const [s] = blocksOf(runText(kv.join('\n')), 'stack');
    expect(s?.data.frames).toHaveLength(2);
    expect(s?.data.processor).toBe(0);
    expect(s?.data.source).toBe('kv on processor 0');
  });

  it('finds the same stack pasted without its prompt, with CRLF and double spacing', () => {
    const text = kv.slice(1).join('\r\n\r\n');
    const [s] = blocksOf(runText(`Here is the stack:\r\n${text}\r\nAnd some prose.`), 'stack');
    expect(s?.data.frames.map((f) => f.line)).toEqual([4, 6]);
  });

  it('splits two numbered stacks that follow each other', () => {
    const text = ['1: kd> kL', ' # ChildEBP RetAddr', '00 de0c5438 82eef4a3 nt!KeBugCheckEx+0x1e', '01 de0c545c 82eeff89 nt!MiCheckSpecialPoolSlop+0x6e', '00 b5a078dc 82f25e99 nt!KeBugCheckEx+0x1e'].join('\n');
    const stacks = blocksOf(runText(text), 'stack');
    expect(stacks.map((s) => s.data.frames.length)).toEqual([2, 1]);
  });

  it('keeps a truncated paste: frames up to the cut', () => {
    const text = `${kv.join('\n')}\nfffff880\`06e533c0 fffff800\`03a22895 : 00000000\``;
    const [s] = blocksOf(runText(text), 'stack');
    expect(s?.data.frames).toHaveLength(2);
  });

  it('finds no stack in garbage', () => {
    expect(blocksOf(runText('lorem ipsum\n12345\n!!!'), 'stack')).toEqual([]);
  });
});

describe('stack formats copied from other tools and issue trackers', () => {
  const frames = (text: string) => blocksOf(runText(text), 'stack').flatMap((b) => b.data.frames.map((f) => f.site));

  it("reads numbered frames that print only a return address before the arguments", () => {
    const f = parseFrameLine('03 00000001`3feeaed0 : 00000000`00000002 00000000`00000008 00000000`02fc6700 00000000`00000000 : acmeplugin+0x16d29', 4);
    expect(f?.site).toBe('acmeplugin+0x16d29');
    expect(f?.index).toBe(3);
  });

  it("reads DbgHelp crash reporters' AddrPC and Params columns, dropping the module's extension", () => {
    expect(parseFrameLine('00007FF9D631AAAB 0000000000000000 0000000000000000 0000000000000000 acmegl.dll!eglGetProcAddress', 1)?.site).toBe('acmegl!eglGetProcAddress');
  });

  it("reads Dr. Watson's Stack Back Trace: four parameters, an [omap] note on the frame or on its own line", () => {
    const text = [
      ' *----> Stack Back Trace <----*',
      '',
      ' FramePtr ReturnAd Param#1  Param#2  Param#3  Param#4  Function Name',
      ' 0060f76c 775871a0 0060f780 7758cb38 0060ff5c 00650067 user32!wvsprintfW',
      ' [omap]',
      ' 0060ff50 7756d0bf 7758cb0c 00000037 0019ffc4 01a42ab4 decpsmon!trace [omap]',
      ' 0060ffb4 77f04ede 00000000 00000000 00000000 00000000 kernel32!BaseThreadStart',
    ].join('\n');
    const stacks = blocksOf(runText(text), 'stack');
    expect(stacks).toHaveLength(1);
    expect(stacks[0]?.data.frames.map((f) => f.site)).toEqual(['user32!wvsprintfW', 'decpsmon!trace', 'kernel32!BaseThreadStart']);
  });

  it("joins Dr. Watson rows wrapped in an indented article, the call site on the next line or cut mid-word", () => {
    const text = [
      '\t*----> Stack Back Trace <----*',
      '\tFramePtr ReturnAd Param#1  Param#2  Param#3  Param#4',
      '\tFunction Name',
      '\t06dbfd70 500928a9 01de8ce0 00b942b8 00000000 00000000',
      '\tacmespl!RemoveJob (FPO: Non-FPO [2,3,2])',
      '\t06dbffb8 77f04f3f 00000001 00000000 00000000 00b942b8 a',
      '\tcmespl!PortThread (FPO: Non-FPO [1,140,3])',
      '\t06dbffec 00000000 00000000 00000000 00000000 00000000',
      '\tkernel32!BaseThreadStart (FPO: Non-FPO [2,8,3])',
    ].join('\n');
    const stacks = blocksOf(runText(text), 'stack');
    expect(stacks.map((s) => s.data.frames.map((f) => f.site))).toEqual([['acmespl!RemoveJob', 'acmespl!PortThread', 'kernel32!BaseThreadStart']]);
  });

  it('reads the WinDbg Stack window copied without its address columns', () => {
    expect(frames('[0x0]   ntdll!NtWaitForAlertByThreadId+0x14   \n[0x1]   ntdll!RtlAcquireSRWLockExclusive+0x4a   \n[0x2]   acmehook!Callback+0x179e3   ')).toEqual([
      'ntdll!NtWaitForAlertByThreadId+0x14',
      'ntdll!RtlAcquireSRWLockExclusive+0x4a',
      'acmehook!Callback+0x179e3',
    ]);
  });

  it("reads Visual Studio's Call Stack window, with source notes and the language column", () => {
    expect(frames(' \tAcmeFs!rw_enter+0xce [C:\\src\\rwlock.c @ 106] \tC/C++/ASM\n>\tAcmeFs!zap_get_leaf+0x3cd [C:\\src\\zap.c @ 558] \tC/C++/ASM\n \tntdll.dll!RtlUserThreadStart()\tUnknown')).toEqual([
      'AcmeFs!rw_enter+0xce',
      'AcmeFs!zap_get_leaf+0x3cd',
      'ntdll!RtlUserThreadStart',
    ]);
  });

  it('reads call sites listed alone that end in an elision ("…+0x140 ...")', () => {
    expect(frames(' ntdll!ZwWaitForMultipleObjects+0x140 ...\n KERNELBASE!WaitForMultipleObjectsEx+0x123 ...\n acmeapp!Wait+0x11 ....')).toEqual([
      'ntdll!ZwWaitForMultipleObjects+0x140',
      'KERNELBASE!WaitForMultipleObjectsEx+0x123',
      'acmeapp!Wait+0x11',
    ]);
  });

  it('reads kc frames that carry a source note', () => {
    expect(frames('3: kd> k\n # Call Site\n00 acmescsi!virtqueue_get_buf+0x4c [c:\\src\\virtioring.c @ 536]\n01 acmescsi!ProcessQueue+0xee [c:\\src\\acmescsi.c @ 1287]\n02 storport!RaidpAdapterMSIInterruptRoutine+0x61')).toEqual([
      'acmescsi!virtqueue_get_buf+0x4c',
      'acmescsi!ProcessQueue+0xee',
      'storport!RaidpAdapterMSIInterruptRoutine+0x61',
    ]);
  });

  it("reads a localized Visual Studio's Call Stack window, whose language column says Unknown in its own language", () => {
    expect(frames(' \tuser32.dll!CreateWindowExW()\t未知\n \tacmeshellext.dll!00007ffed62555b2()\t未知\n \tntdll.dll!LdrpCallInitRoutine()\tUnbekannt')).toEqual([
      'user32!CreateWindowExW',
      'acmeshellext!00007ffed62555b2',
      'ntdll!LdrpCallInitRoutine',
    ]);
  });

  it('reads Visual Studio\'s "Copy all" without the language column: "Line N", the source under each frame, inline and external frames', () => {
    expect(frames('    acmegit.dll!strlen() Line 81\n    acmegit.dll!pool_strdup() Line 216\n    status.exe!main() Line 113')).toEqual(['acmegit!strlen', 'acmegit!pool_strdup', 'status!main']);
    const copied = [
      'app.exe!__report_gsfailure(unsigned __int64 stack_cookie) Line 220',
      '\tat D:\\a\\_work\\1\\s\\src\\vctools\\crt\\vcstartup\\src\\gs\\gs_report.c(220)',
      'app.exe!tcp_keepalive(tcp_s * socket, unsigned __int64 on) Line 109',
      '\tat E:\\app\\src\\win\\tcp.c(109)',
      '[Inline Frame] app.exe!tcp_keepalive_ex(tcp_s * handle, int on) Line 1406',
      '\tat E:\\app\\src\\win\\tcp.c(1406)',
      '[External Code]',
      'app.exe!wmain(int argc, wchar_t * * wargv) Line 91',
    ].join('\n');
    expect(frames(copied)).toEqual(['app!__report_gsfailure', 'app!tcp_keepalive', 'app!tcp_keepalive_ex', 'app!wmain']);
    // Prose that mentions a file and a line is no frame.
    expect(frames('The crash is in acmegit.dll at Line 81.\nSee status.exe for details.\nLine 12 of main.c')).toEqual([]);
  });

  it('reads call sites listed alone (an issue, Process Hacker, dotnet-stack), three or more in a row', () => {
    expect(frames('0, ntoskrnl.exe!KiSwapContext+0x76\n1, ntoskrnl.exe!KiSwapThread+0x500\n2, acmedrv.sys+0x1234')).toEqual(['ntoskrnl!KiSwapContext+0x76', 'ntoskrnl!KiSwapThread+0x500', 'acmedrv.sys+0x1234']);
    expect(frames('nt!KiPageFault\n0xffff8c0ac22351f0     <- executed freed pool\nWdf01000!imp_WdfSpinLockAcquire+0x10e')).toHaveLength(3);
    expect(frames('See nt!KiPageFault for details.\nThen look at Wdf01000.')).toEqual([]);
  });

  it("reads a MEX stack's unloaded-driver frames and drops a source path after a site", () => {
    const f = frames('    fffff80254e2aea0 nt!ExfAcquirePushLockExclusiveEx+0x1a0\n    fffff80260da1172 <Unloaded_AcmeDrv.sys>+0x1172\n    fffff80260ff1230 AcmeDrv!FileCreationThread+0x150 (C:\\src\\Driver.c @ 45)');
    expect(f).toEqual(['nt!ExfAcquirePushLockExclusiveEx+0x1a0', '<Unloaded_AcmeDrv.sys>+0x1172', 'AcmeDrv!FileCreationThread+0x150']);
    expect(parseSite('<Unloaded_AcmeDrv.sys>+0x1172').module).toBe('AcmeDrv');
  });
});

describe('stacks damaged by publishing', () => {
  const frames = (text: string) => blocksOf(runText(text), 'stack').flatMap((b) => b.data.frames.map((f) => f.site));

  it('reads x64 frames whose backticks a Markdown copy turned into spaces, not x86 kb lines', () => {
    const f = parseFrameLine('08 ffff950e 6abb2a00 fffff809 753325cd AcmeFs!dmu_read+0x42 [c:\\src\\dmu.c @ 1709]', 9);
    expect([f?.site, f?.index, f?.format]).toEqual(['AcmeFs!dmu_read+0x42', 8, 'x64']);
    // Four 32-bit values that are not address halves stay what they were.
    expect(parseFrameLine('0b4ffd20 01843eba 02b5b920 00000102 AcmeApp!Save+0xb3', 1)?.format).not.toBe('x64');
  });

  it('reads frames renumbered by hand in decimal ("21 : module!symbol")', () => {
    expect(frames('1  : nt!KeBugCheckEx\n2  : nt!PspCatchCriticalBreak+0xff\n20 : AcmeSvc!FwFree+0xa7c2\n21 : ntdll!RtlUserThreadStart+0x21')).toEqual([
      'nt!KeBugCheckEx',
      'nt!PspCatchCriticalBreak+0xff',
      'AcmeSvc!FwFree+0xa7c2',
      'ntdll!RtlUserThreadStart+0x21',
    ]);
    expect(frames('Arg1: 0000000000000008, memory referenced\n2: kd> k')).toEqual([]);
  });

  it('keeps template arguments with spaces, the "! ?? ::" form and notes in a column of their own', () => {
    const f = frames(
      [
        '    ntdll!NtWaitForKeyedEvent+0xa           3. Try to acquire lock = DEADLOCK !',
        "    ntdll! ?? ::FNODOBFM::`string'+0x95b7",
        '    d3d9!Worker<enum ProxyWindowCommands>::PostCommand+0x49',
        '    AcmeHook!EnableHook+0x144        1. Setting the hook',
        '    AcmeHook!main+0xa3',
      ].join('\n'),
    );
    expect(f).toEqual(['ntdll!NtWaitForKeyedEvent+0xa', "ntdll! ?? ::FNODOBFM::`string'+0x95b7", 'd3d9!Worker<enum ProxyWindowCommands>::PostCommand+0x49', 'AcmeHook!EnableHook+0x144', 'AcmeHook!main+0xa3']);
    // A sentence that starts with a call site is not a frame.
    expect(frames('nt!KiPageFault is where it crashed, then\nnt!KiBugCheckDispatch ran and\nnt!KeBugCheckEx stopped it')).toEqual([]);
  });

  it("keeps one stack across the poster's elisions and kP's parameter lines", () => {
    const frame = (n: number, site: string) => `0${n} fffff806\`1a2b3c${n}0 fffff806\`1a2b3c${n}8     ${site}`;
    const text = [
      ' # Child-SP          RetAddr               Call Site',
      frame(0, 'nt!KeBugCheckEx'),
      '[...]',
      frame(1, 'acmefilt!FilterRead('),
      '\t\t\tstruct _FLT_CALLBACK_DATA * Data = 0xffffd001`12345678, ',
      '\t\t\tstruct _FLT_RELATED_OBJECTS * FltObjects = 0xffffd001`12345600)+0x44 [c:\\src\\read.c @ 120]',
      '......',
      frame(2, 'FLTMGR!FltpDispatch+0xb1'),
    ].join('\n');
    expect(blocksOf(runText(text), 'stack').map((b) => b.data.frames.length)).toEqual([3]);
  });

  it('reads x86 frames wrapped at 80 columns with their FPO notes on the next line', () => {
    const text = [
      'kd> kv',
      'ChildEBP RetAddr  Args to Child',
      '\tfe4a386c 80134f2f 00000093 00000118 00000001',
      '\tntkrnlmp!KeBugCheckEx+0x1e7(FPO: [Non-Fpo]',
      '\tfe4a3898 8013e6de 00000118 00000340 82f5bee0 ntkrnlmp!NtClose+0x1d5 (FPO:',
      '\t[EBP 0xfe4a38a4] [1,1,4])',
      '\tfe4a3928 fe35d331 80455448 8046abc8 00000000',
      '\tacmerdr!RdrDereferenceTransport+0x8a (FPO: [1,0,3])',
      '\tfe4a3958 fe35ab84 804183e8 8046abc8 8046abc8 acmerdr!RdrTdiDisconnect+0x85',
      '\t(FPO: [EBP 0xfe4a3974] [2,0,4])',
      '\tfe4a3974 fe32d3ee 804183e8 e1707748 8046abc8',
      '\tacmerdr!CleanupTransportConnection+0x64(FPO: [Non-Fpo]',
    ].join('\n');
    expect(frames(text)).toEqual(['ntkrnlmp!KeBugCheckEx+0x1e7', 'ntkrnlmp!NtClose+0x1d5', 'acmerdr!RdrDereferenceTransport+0x8a', 'acmerdr!RdrTdiDisconnect+0x85', 'acmerdr!CleanupTransportConnection+0x64']);
  });
});

describe('frames a copy wrapped at 80 or 100 columns', () => {
  const frames = (text: string) => blocksOf(runText(text), 'stack').flatMap((b) => b.data.frames.map((f) => f.site));
  it('joins an x64 kv frame wrapped over two lines, and reads a stack pasted without its header that begins so', () => {
    const text = [
      'It always points to acmefilt.',
      'ffffe00a`eb1f7008 fffff806`55a2be29     : 00000000`0000000a 00000000`00000008',
      '00000000`00000002 00000000`00000001 : nt!KeBugCheckEx',
      'ffffe00a`eb1f7010 fffff806`55a27289     : 00000000`00000000 00000000`00000000',
      '00000000`00000006 00000000`00000001 : nt!KiBugCheckDispatch+0x69',
      'ffffe00a`eb1f7320 fffff806`5bda6bf5     : 00000000`00000000 ffffb906`2e64a61c',
      'ffffb906`18df6ae0 00000000`00000008 : acmefilt+0x6bf5',
    ].join('\n');
    const stack = allStacks(runText(text))[0];
    expect(stack?.frames.map((f) => [f.site, f.line])).toEqual([
      ['nt!KeBugCheckEx', 3],
      ['nt!KiBugCheckDispatch+0x69', 5],
      ['acmefilt+0x6bf5', 7],
    ]);
    // KeBugCheckEx's arguments are read across the wrap (see resolve-bugcheck).
    expect(runText(`0: kd> kv\n${text}`).blocks.length).toBeGreaterThan(0);
  });

  it('joins a kn frame whose call site went to the next line, and keeps source notes wrapped onto their own lines', () => {
    const text = [
      '0:029> k',
      ' # Child-SP          RetAddr               Call Site',
      '00 000000d6`ebbff9d0 00007ffa`1060dc2e',
      'acmelib!Allocator::SetHandleValue+0xb2',
      '[D:\\a\\_work\\1\\s\\src\\vm\\allocator.cpp @ 991]',
      '01 000000d6`ebbffa40 00007ffa`104ed30a     acmelib!Allocator::FreeHandle+0x1a [D:\\a\\_work\\1\\s\\src\\vm\\allocator.cpp @',
      '883]',
      '02 000000d6`ebbffa70 00007ffa`104ecec2     ntdll!RtlUserThreadStart+0x21',
    ].join('\n');
    expect(frames(text)).toEqual(['acmelib!Allocator::SetHandleValue+0xb2', 'acmelib!Allocator::FreeHandle+0x1a', 'ntdll!RtlUserThreadStart+0x21']);
  });

  it('joins the parts of a wrapped frame across the blank lines of a double-spaced copy', () => {
    const text = ['0: kd> kb', '', 'ChildEBP RetAddr  Args to Child', '', 'f5cc6cf8 ebc51a19 00000000 826fe2c8 f5cc6d44', '', 'ntkrnlmp!KiTrap0E+0x284 (FPO: [0,0] TrapFrame @ f5cc6cf8)', '', 'f5cc6dac 80112947 80ee2bf0 826fe2c8 00000103', '', 'Npfs!NpCancelWaitQueueIrp+0x71 (FPO: [Non-Fpo])'].join('\n');
    expect(frames(text)).toEqual(['ntkrnlmp!KiTrap0E+0x284', 'Npfs!NpCancelWaitQueueIrp+0x71']);
  });

  it('keeps a numbered stack going across a line that is no frame when the numbering carries on', () => {
    const text = [
      '# Child-SP         Return           Call Site                               Info',
      '4 ffffdc8b3e30f150 fffff80280a08eee nt!ExpWaitForResource+0x6d',
      '5 ffffdc8b3e30f1d0 fffff8027d7013c4 nt!ExAcquireResourceExclusiveLite+0x1fe Thread: ffffdf8217a30040',
      '(System) exclusive owner of EResource: ffffdf821ce68448',
      '6 ffffdc8b3e30f260 fffff80280b55855 AcmeDrv!FileMoveThread+0x34',
      'a note typed by the poster',
      '9 ffffdc8b3e30f5e0 0000000000000000 nt!KiStartSystemThread+0x28',
    ].join('\n');
    // The note before frame 9 (not 7) ends the stack.
    expect(frames(text)).toEqual(['nt!ExpWaitForResource+0x6d', 'nt!ExAcquireResourceExclusiveLite+0x1fe', 'AcmeDrv!FileMoveThread+0x34', 'nt!KiStartSystemThread+0x28']);
    expect(blocksOf(runText(text), 'stack').map((b) => b.data.frames.length)).toEqual([3, 1]);
  });

  it('joins no line with the frame after it, nor lines that are no frame together', () => {
    const text = ['0: kd> kn', ' # Child-SP          RetAddr               Call Site', '00 fffff880`0a1b2c3d fffff800`02ec7169', '01 fffff880`0a1b2c80 fffff800`02ec7200     nt!KiPageFault+0x260', 'the end of the paste'].join('\n');
    // Frame 00 lost its call site; frame 01 is read alone, not glued to it.
    expect(frames(text)).toEqual(['nt!KiPageFault+0x260']);
    expect(allStacks(runText('ffffe00a`eb1f7008 fffff806`55a2be29 : 00000000`0000000a\nsome words of prose\nand more prose'))).toEqual([]);
  });
});

describe('SOS !DumpStack frames', () => {
  it('reads "site, calling callee" as the site', () => {
    const text = ['ChildEBP RetAddr  Caller, Callee', '05d0f134 77635983 KERNELBASE!WaitForMultipleObjectsEx+0x133, calling ntdll!NtWaitForMultipleObjects', '05d0f24c 73affb30 clr!SafeQueryInterface+0xee', '05d0f258 73affb46 clr!SafeQueryInterface+0x13f, calling clr!SafeQueryInterface+0x14b'].join('\n');
    const frames = allStacks(runText(text))[0]?.frames ?? [];
    expect(frames.map((f) => [f.module, f.symbol, f.offset])).toEqual([
      ['KERNELBASE', 'WaitForMultipleObjectsEx', '0x133'],
      ['clr', 'SafeQueryInterface', '0xee'],
      ['clr', 'SafeQueryInterface', '0x13f'],
    ]);
  });
});

describe('a copy cut at a fixed width', () => {
  // Every long line cut at 80 characters, mid-word, as a console or a mail program does.
  const cut80 = (text: string): string => text.split('\n').map((l) => l.replace(/(.{80})(?=.)/g, '$1\n')).join('\n');

  it('joins a call site cut at the end of a frame line with its tail, source note and all', () => {
    const text = cut80(
      [
        '4: kd> kn',
        ' # Child-SP          RetAddr               Call Site',
        ' e ffffed0ee77de4a0 fffff8020754a1db nt!IofCallDriver+0x55',
        ' f ffffed0ee77de4e0 fffff8020758a0ba FLTMGR!FltpLegacyProcessingAfterPreCallbacksCompleted+0x15b',
        '10 ffffed0ee77de550 fffff8020758a13c FLTMGR!FltpReissueSynchronousIo+0x1b6',
        '11 ffffed0ee77df240 fffff80225da1142 AcmeDriver!LogCurrentIrqlAndMore+0x92 [C:\\src\\AcmeDriver\\Driver.c @ 21]',
        '12 ffffed0ee77df350 fffff80204307287 AcmeDriver!FileCreationThread+0x52',
        '13 ffffed0ee77df3a0 fffff80204307299 FLTMGR!FltpPassThroughCompletionWorkerAndSomeMore+0x120',
      ].join('\n'),
    );
    const frames = allStacks(runText(text))[0]?.frames.map((f) => f.site);
    expect(frames).toEqual([
      'nt!IofCallDriver+0x55',
      'FLTMGR!FltpLegacyProcessingAfterPreCallbacksCompleted+0x15b',
      'FLTMGR!FltpReissueSynchronousIo+0x1b6',
      'AcmeDriver!LogCurrentIrqlAndMore+0x92',
      'AcmeDriver!FileCreationThread+0x52',
      'FLTMGR!FltpPassThroughCompletionWorkerAndSomeMore+0x120',
    ]);
  });

  it('joins a kv frame cut over three lines: columns, call site, and the rest of its name or offset', () => {
    const text = cut80(
      [
        'ffffd000`201e6530 fffff800`0076385a : ffffc000`00c7ff88 ffffd000`201e65d0 ffffc000`0026c948 ffffe000`00f6d11e : NDIS!Ndis::BindEngine::ApplyBindChanges+0x33',
        'ffffd000`201e6600 fffff800`00738d2a : ffffe000`011c2d90 ffffd000`201e6780 00000000`00000000 00000000`00000000 : NDIS!NDIS_BIND_DRIVER_BASE::SetRunningDriverIsReady+0x3f',
        'ffffd000`201e6630 fffff800`006b364b : 00000000`00000000 fffff800`02086b90 ffffd000`00000000 ffffe000`011c2d90 : NDIS!NDIS_BIND_FILTER_DRIVER::SetRunningDriver+0x46',
        'ffffd000`201e6720 fffff802`b08b901e : ffffe000`023f2460 ffffe000`01e48000 00000000`00000000 00000000`000007ff : AcmeExt!DriverEntry+0x1d7',
      ].join('\n'),
    );
    expect(allStacks(runText(text)).map((s) => s.frames.map((f) => f.site))).toEqual([
      ['NDIS!Ndis::BindEngine::ApplyBindChanges+0x33', 'NDIS!NDIS_BIND_DRIVER_BASE::SetRunningDriverIsReady+0x3f', 'NDIS!NDIS_BIND_FILTER_DRIVER::SetRunningDriver+0x46', 'AcmeExt!DriverEntry+0x1d7'],
    ]);
  });

  it('reads the bug check code from a KeBugCheckEx frame whose arguments were cut mid-word', () => {
    const text = cut80(
      [
        'STACK_TEXT:',
        'fffff803`7a483d08 fffff803`769d5929     : 00000000`0000007f 00000000`00000008 fffff803`7a483e50 ffff8402`8b909fc0 : nt!KeBugCheckEx',
        'fffff803`7a483d10 fffff803`769d0783     : 00000000`00000000 00000000`00000000 00000000`00000000 00000000`00000000 : nt!KiBugCheckDispatch+0x69',
        'fffff803`7a483e50 fffff803`768620e3     : 00000000`00000000 00000000`00000000 00000000`00000000 00000000`00000000 : acmefs!Dispatch+0x2c3',
      ].join('\n'),
    );
    expect(analyze(text).bugcheck?.code).toBe('0x0000007F');
  });
});

describe('a copy wrapped at spaces at 80 columns', () => {
  it('joins a frame wrapped over three lines whose second ends at the colon before the call site', () => {
    const text = [
      'STACK_TEXT:',
      'ffffd984`4540f240 fffff803`6d767406     : ffffa987`307c9150 ffffa987`2fcdcdb8',
      'ffffa987`2fcdcdc0 ffffa987`307c9dc0 :',
      'LXCORE!VfsFileSystemInstanceDereference+0x117',
      'ffffd984`4540f270 fffff803`6d769055     : ffffa987`0f4bbb28 ffffd984`4540f400',
      'ffffd984`4540f330 ffffa987`0f4bbb38 : LXCORE!VfsMountClearPendingDeletes+0xbe',
    ].join('\n');
    expect(allStacks(runText(text)).map((s) => s.frames.map((f) => f.site))).toEqual([['LXCORE!VfsFileSystemInstanceDereference+0x117', 'LXCORE!VfsMountClearPendingDeletes+0xbe']]);
  });

  it('continues across a source note in brackets with a relative path, wrapped onto its own line', () => {
    const text = [
      'STACK_TEXT:',
      'ffffa884`c0c3f568 fffff800`603799e9 : 00000000`0000000a 00000000`0011092a',
      '00000000`00000002 00000000`00000001 : nt!KeBugCheckEx',
      '[minkernel\\ntos\\ke\\amd64\\procstat.asm @ 134]',
      'ffffa884`c0c3f840 fffff800`60256b63 : ffffb30e`0e18f710 ffff8180`f0754180',
      'ffffa884`c0c3fa18 00000000`00000002 : NDIS!NdisQueueIoWorkItem+0x4',
    ].join('\n');
    expect(allStacks(runText(text)).map((s) => s.frames.map((f) => f.site))).toEqual([['nt!KeBugCheckEx', 'NDIS!NdisQueueIoWorkItem+0x4']]);
  });
});
