import { expect } from 'vitest';
import { faultingStack } from '../../../../src/analyzers/verdict/rules/faulting-stack';
import { analyzeV, bugcheckBanner, kv, userK } from '../../../fixtures/builders';
import { ruleTester } from '../rule-tester';

const CRASH = bugcheckBanner('D1', ['0', '2', '0', 'fffff88004a1ea55']);
const BAD_POOL_HEADER = bugcheckBanner('19', ['20', 'fffffa8004b5e000', 'fffffa8004b5e0d0', '4d0d0004']);

ruleTester(faultingStack, {
  invalid: [
    {
      name: "weighs the caller of a program's own heap wrapper first, the wrapper only a little (a bad pointer passed on)",
      text: `(1a2c.1b3c): Access violation - code c0000005 (!!! second chance !!!)\n${userK(['ntdll!RtlFreeHeap+0x1b', 'acmemem!AcmeMHeapFree+0x19', 'acmestore!CMessage::SetProps+0x33e', 'acmestore!ExtractProps+0x133', 'kernel32!BaseThreadInitThunk+0x14'])}`,
      blames: 'acmestore',
      check: (out) => {
        expect(out.top).toBe('acmestore');
        expect(out.evidence.find((e) => e.module === 'acmemem')?.weight).toBe(0.15);
      },
    },
    {
      name: 'blames the first third-party frame below Microsoft frames',
      text: `${CRASH}\n${kv(['nt!KeBugCheckEx', 'nt!KiPageFault+0x260', 'acmefilt+0x1a55', 'ndis!ndisMIndicateNetBufferListsToOpen+0x141'])}`,
      blames: 'acmefilt',
      finding: 'stack.faulting',
      check: (out) => {
        // The frame's own line (the banner is line 1, the prompt 2, the header 3).
        expect(out.evidence[0]?.line).toBe(6);
        expect(out.evidence[0]).toMatchObject({ weight: 0.45, text: 'acmefilt+0x1a55 (no symbols) is the first non-Microsoft frame on the faulting stack, below Microsoft frames' });
      },
    },
    {
      name: 'weighs a third-party frame at the top of the stack a little less (0.4)',
      text: `${CRASH}\n${kv(['acmefilt+0x1a55', 'nt!IofCallDriver+0x59'])}`,
      blames: 'acmefilt',
      check: (out) => expect(out.evidence.map((e) => e.weight)).toEqual([0.4]),
    },
    {
      name: 'weighs other third-party modules further down the stack less (0.25)',
      text: `${CRASH}\n${kv(['nt!KeBugCheckEx', 'nt!KiPageFault+0x260', 'acmefilt+0x1a55', 'ndis!ndisMIndicate+0x41', 'acmenet+0x77c1'])}`,
      blames: 'acmenet',
      check: (out) => {
        expect(out.evidence.map((e) => [e.module, e.weight])).toEqual([
          ['acmefilt', 0.45],
          ['acmenet', 0.25],
        ]);
        expect(out.evidence[1]?.text).toBe('acmenet+0x77c1 (no symbols) is also on the faulting stack');
      },
    },
    {
      name: 'halves the weight of the stack of a bug check that reports corrupted memory (its stack shows a victim)',
      text: `${BAD_POOL_HEADER}\n${kv(['nt!KeBugCheckEx', 'nt!ExFreePoolWithTag+0x1a3', 'acmefilt+0x1a55'])}`,
      blames: 'acmefilt',
      check: (out) => {
        expect(out.evidence.map((e) => e.weight)).toEqual([0.225]);
        expect(out.evidence[0]?.text).toContain('(this bug check usually shows a victim, so it weighs less)');
      },
    },
    {
      name: "blames the application's own frame in a user-mode exception (0.5)",
      text: `(1a2c.1b3c): Access violation - code c0000005 (!!! second chance !!!)\n${userK(['acmeapp!Foo+0x12', 'kernel32!BaseThreadInitThunk+0x14'])}`,
      blames: 'acmeapp',
      check: (out) => {
        expect(out.evidence).toEqual([{ module: 'acmeapp', weight: 0.5, line: 4, text: 'acmeapp!Foo+0x12 is the first non-Microsoft frame on the faulting stack' }]);
        expect(out.findings[0]?.title).toContain('the first stack pasted with the exception');
      },
    },
    {
      name: 'reads the stack printed after .cxr rather than the bug check stack',
      text: `${CRASH}
${kv(['nt!KeBugCheckEx', 'nt!KiPageFault+0x260', 'nt!ObfDereferenceObject+0x2a'])}
0: kd> .cxr ffffd00023f17660
0: kd> kv
  *** Stack trace for last set context - .thread/.cxr resets it
${kv(['acmefilt+0x1a55', 'fltmgr!FltpPerformPreCallbacks+0x2f7', 'nt!IofCallDriver+0x59']).split('\n').slice(1).join('\n')}`,
      blames: 'acmefilt',
      finding: 'stack.faulting',
      check: (out) => expect(out.findings[0]?.title).toContain('printed after setting the exception or trap context (.cxr/.trap)'),
    },
    {
      name: "reads !analyze -v's STACK_TEXT as the debugger's own choice",
      text: analyzeV({ name: 'DRIVER_IRQL_NOT_LESS_OR_EQUAL', code: 'd1', args: ['0000000000000000', '0000000000000002', '0000000000000000', 'fffff88004a1ea55'], stack: ['nt!KeBugCheckEx', 'nt!KiPageFault+0x260', 'acmefilt+0x1a55'] }),
      blames: 'acmefilt',
      check: (out) => expect(out.findings).toEqual([{ id: 'stack.faulting', lines: [17], title: "Faulting stack: STACK_TEXT of !analyze -v (3 frames) — the debugger's own choice in !analyze -v" }]),
    },
    {
      name: 'blames a third-party frame below nt!KeBugCheckEx even when the bug check code was not pasted',
      text: kv(['nt!KeBugCheckEx', 'nt!KiPageFault+0x260', 'acmefilt+0x1a55']),
      blames: 'acmefilt',
    },
    {
      name: 'names the faulting stack but blames none of its Microsoft modules (microsoft-code-path speaks for them)',
      text: `${CRASH}\n${kv(['nt!KeBugCheckEx', 'nt!KiPageFault+0x260', 'tcpip!TcpTcbReceive+0x2ab', 'ndis!ndisMIndicate+0x41'])}`,
      finding: 'stack.faulting',
      check: (out) => expect(out.evidence).toEqual([]),
    },
    {
      name: 'notes a stack that holds only crash machinery',
      text: `${CRASH}\n${kv(['nt!KeBugCheckEx', 'nt!KiPageFault+0x260'])}`,
      finding: 'stack.uninformative',
    },
    {
      name: 'weighs a module that was only allocating when a corrupt heap was found as a victim, and its callers less still',
      text: `Critical error detected c0000374\n${userK(['ntdll!RtlReportCriticalFailure+0x29', 'ntdll!RtlpReportHeapFailure+0x21', 'ntdll!RtlpAllocateHeap+0x7b2', 'ntdll!RtlAllocateHeap+0x23a', 'acmescan!ScanBuffer+0x14e', 'acmesvc!Dispatch+0xef', 'ntdll!TppWorkerThread+0x562'])}`,
      blames: 'acmescan',
      check: (out) => expect(out.evidence.map((e) => [e.module, e.weight])).toEqual([['acmescan', 0.25], ['acmesvc', 0.125]]),
    },
    {
      name: 'never blames frames on a user-mode stack pasted alone in a kernel crash (their stack pointers are user addresses)',
      text: `${CRASH}\n0000004f\`d597f1b0 00000000\`00000001 : 000001e0\`70d70000 00000000\`00000001 00000000\`00023566 00000000\`00000000 : acmepcap!PacketSendPackets+0x9e\n0000004f\`d597f1b8 000001e0\`70d70000 : 00000000\`00000001 00000000\`00023566 00000000\`00000000 00007ff7\`00000000 : acmeapp!main+0x21`,
      finding: 'stack.syscall-caller',
      check: (out) => expect(out.evidence).toEqual([]),
    },
    {
      name: "never blames the user-mode program below a system call's entry in a kernel crash (it triggered it; the kernel code should have checked)",
      text: `${CRASH}\n${kv(['nt!KeBugCheckEx', 'nt!KiPageFault+0x260', 'clfs!CClfsBaseFilePersisted::ExtendMetadataBlock+0x3e8', 'nt!NtDeviceIoControlFile+0x56', 'nt!KiSystemServiceCopyEnd+0x25', 'ntdll!NtDeviceIoControlFile+0x14', 'KERNELBASE!DeviceIoControl+0x6b', 'acmepoc!main+0xc6'])}`,
      finding: 'stack.syscall-caller',
      check: (out) => {
        expect(out.evidence).toEqual([]);
        expect(out.findings.find((f) => f.id === 'stack.syscall-caller')?.title).toMatch(/^acmepoc \(user mode\) made the system call/);
      },
    },
    {
      name: "still blames a driver below the system-call entry of its own Zw* call (KiServiceLinkage: a kernel caller)",
      text: `${CRASH}\n${kv(['nt!KeBugCheckEx', 'nt!KiPageFault+0x260', 'nt!ExAcquireFastMutex+0x21', 'nt!NtCreateFile+0x79', 'nt!KiSystemServiceCopyEnd+0x25', 'nt!KiServiceLinkage', 'acmefilt!LogIrql+0x92', 'nt!PspSystemThreadStartup+0x57'])}`,
      blames: 'acmefilt',
      check: (out) => expect(out.evidence[0]?.weight).toBe(0.45),
    },
  ],
  valid: [
    { name: 'a stack without any crash (a how-to session)', text: kv(['acmefilt+0x1a55', 'nt!KiSystemServiceCopyEnd+0x13']) },
    { name: 'a crash without any stack', text: CRASH },
  ],
});
