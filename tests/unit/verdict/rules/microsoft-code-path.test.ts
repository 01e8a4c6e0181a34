import { expect } from 'vitest';
import { microsoftCodePath } from '../../../../src/analyzers/verdict/rules/microsoft-code-path';
import { bugcheckBanner, kv, userK } from '../../../fixtures/builders';
import { ruleTester } from '../rule-tester';

const CRASH = bugcheckBanner('D1', ['0', '2', '0', 'fffff88004a1ea55']);
// A DPC of tcpip's own, from the processor's DPC loop down to the fault: the whole path is Microsoft's.
const WHOLE = kv(['nt!KeBugCheckEx', 'nt!KiBugCheckDispatch+0x69', 'nt!KiPageFault+0x260', 'tcpip!Ipv6pReassembleDatagram+0x14f', 'tcpip!Ipv6pReceiveFragment+0x84b', 'NETIO!NetioDispatch+0x21', 'nt!KiExecuteAllDpcs+0x2e7', 'nt!KiRetireDpcList+0x1ef', 'nt!KiIdleLoop+0x5a']);

ruleTester(microsoftCodePath, {
  invalid: [
    {
      name: "names the Microsoft driver of a whole kernel path as the likely cause (about 0.5 after Microsoft's damping)",
      text: `${CRASH}\n${WHOLE}`,
      blames: 'tcpip',
      check: (out) => {
        expect(out.evidence[0]?.weight).toBe(0.7);
        expect(out.top).toBe('tcpip');
        expect(out.category).toBe('driver');
      },
    },
    {
      name: 'weighs a stack cut before its thread start less (a caller may be missing)',
      text: `${CRASH}\n${kv(['nt!KeBugCheckEx', 'nt!KiPageFault+0x260', 'tcpip!TcpTcbReceive+0x2ab', 'ndis!ndisMIndicate+0x41'])}`,
      blames: 'tcpip',
      check: (out) => expect(out.evidence[0]?.weight).toBe(0.4),
    },
    {
      name: 'names a dispatch framework alone on the stack without blaming it',
      text: `${CRASH}\n${kv(['nt!KeBugCheckEx', 'nt!KiPageFault+0x260', 'ndis!ndisMIndicateNetBufferLists+0x55', 'nt!KiRetireDpcList+0x1ef'])}`,
      blames: 'ndis',
      check: (out) => expect(out.evidence[0]?.weight).toBe(0.3),
    },
    {
      name: 'passes a failing framework routine to the Microsoft driver that called it',
      text: `${CRASH}\n${kv(['nt!KeBugCheckEx', 'nt!KiTrap0E+0xcc', 'nt!IopCompleteRequest+0x92', 'NDIS!NdisScheduleWorkItem+0x21', 'bthpan!BthpanReqAdd+0x16b', 'bthpan!IoctlDispatchDeviceControl+0x1a8', 'NDIS!ndisDummyIrpHandler+0x48', 'nt!IopfCallDriver+0x31', 'nt!NtDeviceIoControlFile+0x2a'])}`,
      blames: 'bthpan',
      check: (out) => {
        expect(out.evidence.map((e) => e.module)).toEqual(['bthpan']);
        expect(out.evidence[0]?.text).toContain('called into NDIS!NdisScheduleWorkItem+0x21 where it failed');
      },
    },
    {
      name: "takes the exception record's site over a stack that another thread printed",
      text: `0:066> kn\n${userK(['ntdll!KiFastSystemCallRet', 'ntdll!ZwWaitForMultipleObjects+0xc', 'urlmon!CUrlMon::StartBinding+0x169', 'urlmon!URLDownloadToFileA+0x109'])}\n0:088> .exr -1\nExceptionAddress: 5b878809 (netapi32!ConvertPathMacros+0x00000101)\nExceptionCode: c00000fd (Stack overflow)`,
      blames: 'netapi32',
      check: (out) => expect(out.evidence.map((e) => e.module)).toEqual(['netapi32']),
    },
    {
      name: "names the kernel itself when a bad access's whole kernel path is its own (a system call, no driver)",
      text: `${bugcheckBanner('3B', ['c0000005', 'fffff80002f1a2b3', 'fffff88002d1e0f0', '0'])}\n${kv(['nt!KeBugCheckEx', 'nt!KiBugCheckDispatch+0x69', 'nt!KiSystemServiceHandler+0x7c', 'nt!RtlDispatchException+0x3f', 'nt!KiDispatchException+0x16e', 'nt!KiExceptionDispatch+0xc2', 'nt!KiPageFault+0x260', 'nt!memcpy+0x20', 'nt!MiParseImageLoadConfig+0x1a2', 'nt!MiCreateImageFileMap+0x2d0', 'nt!NtCreateSection+0x1bb', 'nt!KiSystemServiceCopyEnd+0x13', 'ntdll!NtCreateSection+0xa', 'acmeapp!main+0x40'])}`,
      blames: 'nt',
      check: (out) => {
        expect(out.evidence[0]?.weight).toBe(0.4);
        expect(out.evidence[0]?.text).toContain('nt!MiParseImageLoadConfig+0x1a2 made the bad access');
      },
    },
    {
      name: 'names a Windows DLL where a user-mode exception happened, as a leading suspect only',
      text: `0:000> .exr -1\n   ExceptionCode: c0000005 (Access violation)\n${userK(['comctl32!ListView_OnPaint+0x44', 'user32!UserCallWinProcCheckWow+0x2ad', 'ntdll!KiUserCallbackDispatcherContinue'])}`,
      blames: 'comctl32',
      check: (out) => expect(out.evidence[0]?.weight).toBe(0.4),
    },
    {
      name: "passes over Driver Verifier's own image to the driver it caught",
      text: `${CRASH}\n${kv(['nt!KeBugCheckEx', 'VerifierExt!ExAcquireSpinLockShared_wrapper+0x1356e', 'msquic!CxPlatWorkerThread+0x41', 'nt!PspSystemThreadStartup+0x57', 'nt!KiStartSystemThread+0x34'])}`,
      blames: 'msquic',
      check: (out) => expect(out.evidence.map((e) => e.module)).toEqual(['msquic']),
    },
    {
      name: 'looks past the user-mode program that made the system call: the kernel path from its entry is whole',
      text: `${CRASH}\n${kv(['nt!KeBugCheckEx', 'nt!KiPageFault+0x260', 'CLFS!CClfsBaseFilePersisted::ExtendMetadataBlock+0x3e8', 'nt!NtDeviceIoControlFile+0x56', 'nt!KiSystemServiceCopyEnd+0x25', 'ntdll!NtDeviceIoControlFile+0x14', 'KERNELBASE!DeviceIoControl+0x6b', 'acmepoc!main+0xc6'])}`,
      blames: 'CLFS',
      check: (out) => expect(out.evidence[0]?.weight).toBe(0.7),
    },
  ],
  valid: [
    { name: 'a third-party module anywhere on the stacks', text: `${CRASH}\n${WHOLE}\n${kv(['acmefilt+0x1a55', 'nt!KiStartSystemThread+0x16'], '1: kd>')}` },
    { name: 'a whole Microsoft path without any crash (no bug check, no fault on the stack)', text: WHOLE.replace(/^.*nt!(?:KeBugCheckEx|KiBugCheckDispatch|KiPageFault).*\n/gm, '') },
    {
      name: "a bad access on the kernel's own path when the words around it name a third-party driver (that comes first)",
      text: `The crash happens with Avast installed; aswsp.sys is the suspect.\n${bugcheckBanner('50', ['ffff0000', '1', 'fffff80002f1a2b3', '0'])}\n${kv(['nt!KeBugCheckEx', 'nt!MmAccessFault+0x4a9', 'nt!KiPageFault+0x260', 'nt!memcpy+0x20', 'nt!ExpCopyProcessInfo+0x45', 'nt!NtQuerySystemInformation+0x1bb', 'nt!KiSystemServiceCopyEnd+0x13', 'ntdll!NtQuerySystemInformation+0xa'])}`,
    },
    { name: 'a kernel-only stack under a corruption bug check (memory, not the kernel, is the suspect)', text: `${bugcheckBanner('1A', ['41790', 'fffffa8000a1b2c0', 'ffff', '0'])}\n${kv(['nt!KeBugCheckEx', 'nt!MiDeleteVirtualAddresses+0x4c2', 'nt!MmCleanProcessAddressSpace+0x96', 'nt!PspExitThread+0x5ba', 'nt!KiSystemServiceCopyEnd+0x13'])}` },
    { name: 'a bad access under the dispatcher (APC delivery runs other code)', text: `${bugcheckBanner('50', ['ffff0000', '1', '804f3b76', '0'])}\n${kv(['nt!KeBugCheckEx', 'nt!MmAccessFault+0x8e7', 'nt!KiTrap0E+0xcc', 'nt!IopCompleteRequest+0x92', 'nt!KiDeliverApc+0xb3', 'nt!KiSwapThread+0x1f'])}` },
    { name: 'a crash stack of only the kernel', text: `${CRASH}\n${kv(['nt!KeBugCheckEx', 'nt!KiPageFault+0x260', 'nt!ExpWorkerThread+0x111', 'nt!KiStartSystemThread+0x16'])}` },
  ],
});
