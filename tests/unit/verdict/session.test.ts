import { describe, expect, it } from 'vitest';
import { analyze } from '../../../src/analyzers/index';
import { allStacks, runText } from '../../../src/analyzers/run';
import { kv, x64Frame } from '../../fixtures/builders';

// What makes a session a crash when no bug check code and no exception record were pasted.
const LXCORE_SITES = ['nt!KiSystemServiceCopyEnd+0x25', 'nt!KiServiceLinkage', 'LXCORE!LxpDrvFsInstanceDelete+0x19', 'LXCORE!VfsUninitialize+0x28', 'LXCORE!LxpInstanceUninitialize+0x2b4'];

describe('a crash without its code', () => {
  it('a stack pasted bare whose top runs a Microsoft driver of its own is the crash stack', () => {
    const text = LXCORE_SITES.map((s, i) => x64Frame((0x4540f070 + i * 0x30).toString(16), s)).join('\n');
    const r = analyze(text);
    expect(r.suspects[0]?.module).toBe('LXCORE');
    expect(r.suspects[0]?.confidence).toBeLessThan(0.5);
  });

  it('the same stack typed as `k` at a live prompt is not taken for a crash', () => {
    const r = analyze(kv(LXCORE_SITES));
    expect(r.suspects).toEqual([]);
  });

  it("Dr. Watson's Stack Back Trace is a crashed program's log; the same rows without it are no crash", () => {
    const rows = [
      '  ReturnAd Param#1  Param#2  Param#3  Param#4  Function Name',
      '  77673a3a 00c70000 00000000 00000208 3ff2f2c0 ntdll!RtlAllocateHeap ',
      '  77673d4b 00000000 3ff2f2e0 3ff2f2bc 3ff2f2c0 acmesock!EnumThings ',
      '  00495a93 00000000 3ff2f2c0 3ff2f2bc 00000010 acmesrv!<nosymbols> ',
    ];
    // Two threads' stacks, as a log prints them: neither alone is the crash's without the banner.
    const banner = '  *----> Stack Back Trace <----*';
    const r = analyze([banner, ...rows, banner, ...rows].join('\n'));
    expect(r.category).toBe('user-app');
    expect(r.suspects[0]?.module).toBe('acmesock');
    expect(analyze([...rows, '', ...rows].join('\n')).category).toBe('none');
  });

  it("Visual Studio's call stack marked where it stopped (\">\") is where the program crashed, when the words say it crashed", () => {
    const stack = ['> gdi32.dll!IsBitBltPresent()  ', '  gdi32.dll!BitBltStub()  ', '  user32.dll!00007ffaf11384ba()', '  AcmeEditor-Core!SplashWindowProc(HWND__ *,unsigned int) [Splash.cpp:76]'].join('\n');
    const r = analyze(`We see a frequent crash here:\n\n${stack}`);
    expect(r.category).toBe('user-app');
    expect(r.suspects[0]?.module).toBe('AcmeEditor-Core');
    // Without the words, Windows code at the top of a lone stack is no crash.
    expect(analyze(`Here is the stack:\n\n${stack}`).category).toBe('none');
  });

  it('a user-mode register dump whose instruction, printed without code bytes, touches unreadable memory is the crash', () => {
    const regs = [
      'rax=ffffffff924bbde0 rbx=0000000000000001 rcx=0000000000030440',
      'rip=00007ffac835cd1e rsp=000000155e48e3f8 rbp=000000155e48e749',
      'cs=0033  ss=002b  ds=002b  es=002b  fs=0053  gs=002b             efl=00010206',
      'ntdll!LdrpDispatchUserCallTarget+0xe:',
    ];
    const stack = ['0:000> k', 'Call Site', 'ntdll!LdrpDispatchUserCallTarget+0xe', 'user32!UserCallWinProcCheckWow+0x2bd', 'user32!DispatchClientMessage+0x9c', 'ntdll!KiUserCallbackDispatcherContinue', 'AcmeCpl!PropertySheetW+0x5d', 'rundll32!CallRunDllFunction+0x1c'];
    const r = analyze([...regs, '00007fff`924acd1e mov     r11,qword ptr [r11+r10*8] ds:04007df5`0159db48=????????????????', ...stack].join('\n'));
    expect(r.category).toBe('user-app');
    expect(r.suspects[0]?.module).toBe('AcmeCpl');
    // The memory there was readable: no crash.
    expect(analyze([...regs, '00007fff`924acd1e mov     r11,qword ptr [r11+r10*8] ds:04007df5`0159db48=0000000000000001', ...stack].join('\n')).category).toBe('none');
  });

  it("a fragment of !analyze with a memory fault's fields (READ_ADDRESS, TRAP_FRAME) is a crash, its banner not pasted", () => {
    const fields = ['FAULTING_THREAD: ffffe402fe868040', 'READ_ADDRESS: ffff840500000074 Paged pool', 'MM_INTERNAL_CODE: 2', 'IMAGE_NAME: acmesensor.sys', 'MODULE_NAME: acmesensor', 'PROCESS_NAME: System', 'TRAP_FRAME: ffff94058305ec20 -- (.trap 0xffff94058305ec20)'];
    const r = analyze(fields.join('\n'));
    expect(r.category).toBe('driver');
    expect(r.suspects[0]?.module).toBe('acmesensor');
    // The names alone, without a crash's fields, are no crash.
    expect(analyze(['IMAGE_NAME: acmesensor.sys', 'MODULE_NAME: acmesensor', 'PROCESS_NAME: System'].join('\n')).category).toBe('none');
  });

  it('a kernel trap context whose instruction touches unreadable memory is the crash, its bug check not pasted', () => {
    const trap = [
      '2: kd> .trap ffffcc81`1b5d2520',
      'rax=0000000000000000 rbx=0000000000000000 rcx=00000000000019a4',
      'rip=fffff80eae479edf rsp=ffffcc811b5d26b0 rbp=ffffa4873a248ee8',
      'acmenet!CancelList+0x3f:',
      'fffff80e`ae479edf 488b4320        mov     rax,qword ptr [rbx+20h] ds:00000000`00000020=????????????????',
    ];
    const r = analyze([...trap, '2: kd> r cr2', 'cr2=0000000000000020', '2: kd> kc', ' # Call Site', '00 acmenet!CancelList', '01 NDIS!ndisMCancelSendNetBufferListsOnMiniport', '02 nt!IopSynchronousCall'].join('\n'));
    expect(r.category).toBe('driver');
    expect(r.suspects[0]?.module).toBe('acmenet');
    // A double-spaced copy that wrapped the instruction's memory onto a line of its own reads the same.
    const spaced = [...trap.slice(0, 4), 'fffff80e`ae479edf 488b4320        mov     rax,qword ptr [rbx+20h]', 'ds:00000000`00000020=????????????????', '2: kd> r cr2', 'cr2=0000000000000020', '2: kd> kc', ' # Call Site', '00 acmenet!CancelList', '01 NDIS!ndisMCancelSendNetBufferListsOnMiniport', '02 nt!IopSynchronousCall'];
    expect(analyze(spaced.join('\n\n')).suspects[0]?.module).toBe('acmenet');
    // The same registers typed at a live prompt, reading memory that is there, are no crash.
    expect(analyze([...trap.slice(0, 4), 'fffff80e`ae479edf 488b4320        mov     rax,qword ptr [rbx+20h] ds:00000000`00000020=0000000000000001'].join('\n')).category).toBe('none');
  });

  it('a stack that recursed, under words that name a stack overflow, is the overflow; without the words it is no crash', () => {
    const cycle = ['acmegit!traverse_recursive+0x442', 'acmegit!unpack_callback+0x441', 'acmegit!traverse+0x5d5'];
    const frames = ['ntdll!RtlpAllocateHeap+0x31', 'ucrtbase!malloc+0x1e', 'acmegit!xmalloc+0x2f', ...Array.from({ length: 4 }, () => cycle).flat()];
    const stack = frames.map((f, i) => `    [0x${i.toString(16)}]   ${f}   0x42126${(0x3f50 + i * 0x100).toString(16)}   0x7ff9d6d4cd49`).join('\n');
    // Two threads' stacks: neither is a lone stack pasted from a crash.
    const other = ['ntdll!NtWaitForSingleObject+0x14', 'KERNELBASE!WaitForSingleObjectEx+0x8e', 'acmegit!run_worker+0x22', 'kernel32!BaseThreadInitThunk+0x14'];
    const second = other.map((f, i) => `    [0x${i.toString(16)}]   ${f}   0x42127${(0x3f50 + i * 0x100).toString(16)}   0x7ff9d6d4cd49`).join('\n');
    const r = analyze(`Instead, it exits with STATUS_STACK_OVERFLOW. Here are the stacks:\n${stack}\n\n${second}`);
    expect(r.category).toBe('user-app');
    expect(r.suspects[0]?.module).toBe('acmegit');
    expect(analyze(`Here are the stacks:\n${stack}\n\n${second}`).category).not.toBe('user-app');
  });

  it("Dr. Watson's other column header (FramePtr RetAddr Param1…) heads a stack whose call sites wrapped; its banner makes it a crash", () => {
    const text = [
      '  FramePtr  RetAddr   Param1   Param2   Param3   Function Name',
      '  0012ee0c  003109d1  00000010 01251a40 0012ee30',
      '   ACMEIF!formatAttachIcon+0xd3',
      '  0012f158  0030fbad  00000004 017a3e78 0012f1c0',
      '   ACMEIF!getIconInfo+0xa1({...})',
      '  0012ff70  00404ddf  00000004 00d20c60 00d20350 ACMENTS!main+0x1c',
      '',
      '  0012ff50  00401c50  00d28170 00000000 932e2053 ACMEEV!EventManager::process+0x11d',
      '  0012ff6c  004013dc  00404ddf 00000004 00d20c60 ACMEEV!runApp+0x380',
    ].join('\n');
    // The header heads the stack, call sites wrapped or not (older kb printed it too, so it is no sign of a crash by itself).
    expect(allStacks(runText(text)).map((st) => st.frames.map((f) => f.site))[0]?.slice(0, 3)).toEqual(['ACMEIF!formatAttachIcon+0xd3', 'ACMEIF!getIconInfo+0xa1({...})', 'ACMENTS!main+0x1c']);
    const r = analyze(`  *----> Stack Back Trace <----*\n${text}`);
    expect(r.category).toBe('user-app');
    expect(r.suspects[0]?.module).toBe('ACMEIF');
  });

  it('the banner of a kernel dump file makes the analysis that of a crash', () => {
    const stack = ['NETIO!StreamProcessCallout+0x2ae', 'NETIO!ProcessCallout+0x6b7', 'NETIO!KfdClassify+0x303', 'fwpkclnt!FwpsStreamInjectAsync0+0xfd', 'acmewfp+0xa0be'].map((s, i) => x64Frame((0x28770ac0 + i * 0x40).toString(16), s));
    const body = ['STACK_TEXT:  ', ...stack].join('\n');
    const withBanner = analyze(`Loading Dump File [C:\\Windows\\Minidump\\022417-7921-01.dmp]\nMini Kernel Dump File: Only registers and stack trace are available\n\n${body}`);
    expect(withBanner.suspects[0]?.module).toBe('acmewfp');
    expect(withBanner.category).toBe('driver');
    // Without the banner, a stack in Windows' own plumbing at its top says nothing of a crash…
    expect(analyze(stack.join('\n')).suspects).toEqual([]);
    // …unless it is the STACK_TEXT of !analyze, which is the stack of the crash it analysed.
    expect(analyze(body).category).toBe('driver');
  });
});

describe('kernel or user mode, read from the addresses', () => {
  it('a driver stack pasted without prompts or Windows frames, faulting at a kernel address, is a kernel crash', () => {
    const text = [
      'fffff807`40e8dbdd 483988e0000000  cmp     qword ptr [rax+0E0h],rcx ds:002b:deadbeef`deadbd57=????????????????',
      '',
      'acmefs!vflush+0x8d [C:\\src\\acmefs\\vnode.c @ 1437]',
      'acmefs!vfs_unmount+0x198 [C:\\src\\acmefs\\vfsops.c @ 3161]',
      'acmefs!ioc_unmount+0x26 [C:\\src\\acmefs\\ioctl.c @ 6208]',
    ].join('\n');
    const r = analyze(text);
    expect(r.suspects[0]?.module).toBe('acmefs');
    expect(r.category).toBe('driver');
  });
});

describe('two crashes in one paste', () => {
  it('reads the code from a KeBugCheckEx frame that a copy wrapped over two or three lines', () => {
    for (const wrapped of [
      ['ffffe00a`eb1f7008 fffff806`55a2be29     : 00000000`0000000a 00000000`00000008', '00000000`00000002 00000000`00000001 : nt!KeBugCheckEx'],
      ['ffffe00a`eb1f7008 fffff806`55a2be29     :', '00000000`0000000a 00000000`00000008 00000000`00000002', '00000000`00000001 : nt!KeBugCheckEx'],
      // The same, copied double-spaced.
      ['ffffe00a`eb1f7008 fffff806`55a2be29     : 00000000`0000000a 00000000`00000008', '', '00000000`00000002 00000000`00000001 : nt!KeBugCheckEx', ''],
    ]) {
      const text = [...wrapped, 'ffffe00a`eb1f7010 fffff806`55a27289     : 00000000`00000000 00000000`00000000', '00000000`00000006 00000000`00000001 : acmefilt+0x1a2'].join('\n');
      expect(analyze(text).bugcheck?.code).toBe('0x0000000A');
    }
  });

  it("the faulting stack is the one whose KeBugCheckEx carries this session's code, not an earlier crash's", () => {
    const text = [
      'First crash:',
      '00 ce20f238 8201564d 0000001e c0000046 81ecf6d1 nt!KeBugCheckEx',
      '01 ce20f6d8 92d4313c 8ed224d4 00000000 00000000 nt!KeReleaseMutex+0x14',
      '02 ce20f6f8 92d40a7f 00fe1c48 81e6f293 8ed223d0 acmecd+0x313c',
      '03 ce20f71c 87c8daac 8ececcb0 92447a50 ce20f7e8 acmecd+0xa7f',
      '',
      'Then with Driver Verifier on:',
      'BugCheck C4, {83, e0000, fffff, 100}',
      '8a8875c8 823d736a 000000c4 00000083 000e0000 nt!KeBugCheckEx',
      '8a887628 93986f05 000e0000 00000000 000fffff nt!IoIsValidIrpStatus+0x16b8c',
      '8a88764c 939871c0 8a887674 000e0000 00000000 acmeio+0x16f05',
      '8a887680 9398fbb0 000e0000 00000000 000fffff acmeio+0x171c0',
    ].join('\n');
    const r = analyze(text);
    expect(r.bugcheck?.code).toBe('0x000000C4');
    expect(r.suspects[0]?.module).toBe('acmeio');
  });
});
