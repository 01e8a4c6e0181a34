/**
 * The line formats of a stack frame, as the debuggers and the tools people copy stacks from print
 * them (see stack.ts, which tries them in order). One pattern per format, with an example.
 */

/** One address as printed: 64-bit with or without backtick, or 32-bit. */
export const A = String.raw`(?:[0-9a-f]{8}\`[0-9a-f]{8}|[0-9a-f]{16}|[0-9a-f]{8})`;

// x64 frame with arguments:  [nn] Child-SP RetAddr : arg arg arg arg : site
//   group 1 frame number, 2 Child-SP, 3 RetAddr, 4 the args, 5 the call site
export const X64_ARGS = new RegExp(String.raw`^\s*(?:([0-9a-f]{1,4})\s+)?(${A})\s+(${A})\s*:\s*((?:${A}\s*){1,6}):\s*(.*)$`, 'i');
// numbered x64 frame with the return address only (`kbn` after `.frame`, some copies):  nn RetAddr : args : site
export const X64_RET_ARGS = new RegExp(String.raw`^\s*([0-9a-f]{1,4})\s+(${A})\s*:\s*((?:${A}\s*){1,6}):\s*(.*)$`, 'i');
// DbgHelp crash reporters (Dr. MinGW, StackWalker):  AddrPC Param1 Param2 Param3 module.dll!function
export const ADDR_PARAMS = /^\s*([0-9a-f]{16})\s+[0-9a-f]{16}\s+[0-9a-f]{16}\s+[0-9a-f]{16}\s+(\S+)\s*$/i;
// x86 frame with three arguments:  [nn] ChildEBP RetAddr arg1 arg2 arg3 site
export const X86_ARGS = /^\s*(?:([0-9a-f]{1,4})\s+)?([0-9a-f]{8})\s+([0-9a-f]{8})\s+([0-9a-f]{8})\s+([0-9a-f]{8})\s+([0-9a-f]{8})\s+(\S.*)$/i;
// Dr. Watson's "Stack Back Trace" (NT 4.0, 2000) prints four parameters:  FramePtr ReturnAd p1 p2 p3 p4 site
export const DRWTSN = /^\s*([0-9a-f]{8})\s+([0-9a-f]{8})\s+([0-9a-f]{8})\s+([0-9a-f]{8})\s+([0-9a-f]{8})\s+([0-9a-f]{8})\s+(\S.*)$/i;
// numbered frame without arguments:  nn Child-SP RetAddr site
export const NUMBERED = new RegExp(String.raw`^\s*([0-9a-f]{1,4})\s+(${A})\s+(${A})\s+(\S.*)$`, 'i');
// unnumbered frame without arguments:  ChildEBP RetAddr site
export const PLAIN = new RegExp(String.raw`^\s*(${A})\s(${A})\s+(\S.*)$`, 'i');
// kf (frame sizes):  nn  size  Child-SP RetAddr site
export const KF = new RegExp(String.raw`^\s*([0-9a-f]{1,4})\s+([0-9a-f]{1,8})\s+(${A})\s+(${A})\s+(\S.*)$`, 'i');
// inline frame:  nn [size] (Inline Function) --------`-------- site
export const INLINE = /^\s*([0-9a-f]{1,4})\s+(?:[0-9a-f]{1,8}\s+)?\(Inline Function\)\s+-+`?-*\s+(\S.*)$/i;
// WinDbg (Preview) Stack window copy:  [0x3]   nt!KiRaiseSecurityCheckFailure+0x346   0xffffce89fe14e710   0xfffff8064d061cc5
// (copies that lost the two address columns keep only the number and the site).
export const PREVIEW = /^\s*\[0x([0-9a-f]{1,4})\]\s+(\S.*?)(?:\s+0x([0-9a-f]{8,16})\s+0x([0-9a-f]{8,16}))?\s*$/i;
// kcn:  nn site
export const KCN = /^\s*([0-9a-f]{2,4})\s+(\S.*)$/i;
// Visual Studio's Call Stack window:  ">	OpenZFS!zap_add+0xe0 [C:\src\zap.c @ 1310]	C/C++/ASM",
//   "ntdll.dll!NtWaitForSingleObject()	Unknown", "app.exe!main(int argc, char * * argv) Line 12	C++"
//   (a localized Visual Studio writes "Unknown" in its own language: 未知, 不明, Unbekannt, Inconnu…)
//   group 1 the call site (module!function, arguments dropped)
export const VS_FRAME = /^\s*>?\s*([A-Za-z0-9_.$-]+![^\s(]+)(?:\([^)]*\))?(?:\s+Line\s+\d+)?(?:\s+\[[^\]]*\])?\s+(?:C\/C\+\+\/ASM|C\+\+|C#|C|Unknown|Native|Managed|JavaScript|Assembly|未知|不明|알 수 없음|Unbekannt|Inconnu|Desconocido|Sconosciuto|Desconhecido|Неизвестно)\s*$/;
// one address and a site (as in some articles): addr site
export const ADDR_SITE = new RegExp(String.raw`^\s*(${A})\s+(\S.*)$`, 'i');

// An x64 frame whose backticks a Markdown copy turned into spaces:
// "08 ffff950e 6abb2a00 fffff809 753325cd ZFSin!dmu_read_win_dbuf+0x42". The high halves of the
// stack pointer and the return address start like x64 addresses do (ffff…, 0000…).
export const LOST_TICKS = /^\s*(?:([0-9a-f]{1,4})\s+)?((?:ffff|0000)[0-9a-f]{4})([ `])([0-9a-f]{8})\s+((?:ffff|0000)[0-9a-f]{4})([ `])([0-9a-f]{8})\s+(\S.*)$/i;
// A stack renumbered by hand in decimal, the columns removed: "21 : mpssvc!FwEdpMonUpdate+0x6c".
export const NUM_COLON = /^\s*(\d{1,4})\s*:\s+(\S.*)$/;
