import { expect } from 'vitest';
import { trapContext } from '../../../../src/analyzers/verdict/rules/trap-context';
import { bugcheckBanner, kv } from '../../../fixtures/builders';
import { ruleTester } from '../rule-tester';

// .trap on a trap frame (as in the x64 .trap fixture) whose rip is inside acmefilt.
const TRAP = `3: kd> .trap fffff880\`02fdde30
NOTE: The trap frame does not contain all registers.
Some register values may be zeroed or incorrect.
rax=00000000000bac2c rbx=0000000000000000 rcx=0000000000000001
rdx=fffff880009ab0b8 rsi=0000000000000000 rdi=0000000000000000
rip=fffff88004a1ea55 rsp=fffff880009ab000 rbp=fffff880009ab080
 r8=ffffffffffffffff  r9=fffffa80035eb5b8 r10=00000000ffffffff
r11=0000000000000000 r12=0000000000000000 r13=0000000000000000
r14=0000000000000000 r15=0000000000000000
iopl=0         nv up ei pl zr na po nc`;
const TRAP_LINE = 2;

// The symbol line and the instruction the debugger prints under the registers.
const AT_IP = `acmefilt+0x1a55:\nfffff880\`04a1ea55 488b4108        mov     rax,qword ptr [rcx+8]`;

// The registers cdb prints when it stops on an exception in a program (x86).
const EVENT_REGISTERS = `eax=00000010 ebx=1156c968 ecx=41414141 edx=115730f8 esi=68bd9100 edi=41414141
eip=68b1f5f2 esp=0208e12c ebp=0208e134 iopl=0         nv up ei ng nz ac po cy
cs=001b  ss=0023  ds=0023  es=0023  fs=003b  gs=0000             efl=00010293
acmeeng!Parse+0x822:
68b1f5f2 8b07            mov     eax,dword ptr [edi] ds:0023:41414141=????????`;

// `kv` printed after .trap: the stack of the trap's context, from the instruction pointer.
const CONTEXT_STACK = ['3: kd> kv', '  *** Stack trace for last set context - .thread/.cxr resets it', ...kv(['acmefilt+0x1a55', 'fltmgr!FltpPerformPreCallbacks+0x2f7', 'nt!IofCallDriver+0x59']).split('\n').slice(1)].join('\n');

// The bug check stack: KiPageFault's frame returns to the trap's rip (fffff880`04a1ea55).
const RETURNS_TO_IP = kv(['nt!KeBugCheckEx', 'nt!KiBugCheckDispatch+0x69', 'nt!KiPageFault+0x260', 'acmefilt+0x1a55', 'nt!IofCallDriver+0x59']).replace(
  /fffff800`02ec7169( : [0` ]+ : nt!KiPageFault)/,
  'fffff880`04a1ea55$1',
);

const CONTEXT_RECORD = `3: kd> .cxr ffffd00023f17660
rax=ffffe0003c8dae20 rbx=ffffc00003dba2c0 rcx=0000000000000018
rdx=ffffe0003c84bc60 rsi=ffffd00023f18210 rdi=ffffc00003dba120
rip=fffff80000cf95c7 rsp=ffffd00023f18090 rbp=0000000000000000
 r8=0000000100000000  r9=0000000000000001 r10=0000000000000004
r11=ffffd00023f18168 r12=0000000000000000 r13=ffffe0003c84bf70
r14=0000000000000005 r15=0000000000000000
iopl=0         nv up ei ng nz na pe nc
cs=0010  ss=0018  ds=002b  es=002b  fs=0053  gs=002b             efl=00010282
acmefilt+0x95c7:
fffff800\`00cf95c7 418b4104        mov    eax,dword ptr [r9+4] ds:002b:00000000\`00000005=????????`;

ruleTester(trapContext, {
  invalid: [
    {
      name: "reads the module of .exr's ExceptionAddress (printed before the code)",
      text: '0:000> .exr -1\nExceptionAddress: 00007ff6a1b2c3d4 (acmeapp!Parser::Read+0x44)\n   ExceptionCode: c0000005 (Access violation)\n  ExceptionFlags: 00000000\nNumberParameters: 2',
      blames: 'acmeapp',
      check: (out) => expect(out.evidence).toEqual([{ module: 'acmeapp', weight: 0.45, line: 2, text: "the exception record's address is in it (acmeapp!Parser::Read+0x44)" }]),
    },
    {
      name: "reads .exr's ExceptionAddress whose symbol a copy wrapped onto the next line",
      text: '0:000> .exr -1\nExceptionAddress: 00007ff6a1b2c3d4\n(acmeapp!Parser::Read+0x44)\n   ExceptionCode: c0000005 (Access violation)',
      blames: 'acmeapp',
      check: (out) => expect(out.evidence).toEqual([{ module: 'acmeapp', weight: 0.45, line: 3, text: "the exception record's address is in it (acmeapp!Parser::Read+0x44)" }]),
    },
    {
      name: 'states where the trap frame stopped, with the function the debugger prints at rip',
      text: `${TRAP}\n${AT_IP}`,
      finding: 'context.ip',
      check: (out) => expect(out.findings).toEqual([{ id: 'context.ip', lines: [TRAP_LINE], title: 'The trap frame stopped at rip=fffff88004a1ea55 (acmefilt+0x1a55)' }]),
    },
    {
      name: 'takes the function from the first frame of the stack printed in the trap context',
      text: `${TRAP}\n${CONTEXT_STACK}`,
      finding: 'context.ip',
      check: (out) => expect(out.findings[0]?.title).toBe('The trap frame stopped at rip=fffff88004a1ea55 (acmefilt+0x1a55)'),
    },
    {
      name: "takes the function from the stack frame whose caller's return address is rip",
      text: `${bugcheckBanner('D1', ['0', '2', '0', 'fffff88004a1ea55'])}\n${RETURNS_TO_IP}\n${TRAP}`,
      finding: 'context.ip',
      check: (out) => expect(out.findings[0]).toEqual({ id: 'context.ip', lines: [10], title: 'The trap frame stopped at rip=fffff88004a1ea55 (acmefilt+0x1a55)' }),
    },
    {
      name: 'states the instruction pointer alone when nothing names its function',
      text: TRAP,
      finding: 'context.ip',
      check: (out) => expect(out.findings[0]?.title).toBe('The trap frame stopped at rip=fffff88004a1ea55'),
    },
    {
      name: 'states where an exception context (.cxr) stopped',
      text: CONTEXT_RECORD,
      finding: 'context.ip',
      check: (out) => expect(out.findings).toEqual([{ id: 'context.ip', lines: [2], title: 'The exception context stopped at rip=fffff80000cf95c7 (acmefilt+0x95c7)' }]),
    },
    {
      name: 'reads the registers the debugger printed when it stopped on an exception',
      text: `(1c8c.2a4): Access violation - code c0000005 (first chance)\nFirst chance exceptions are reported before any exception handling.\n${EVENT_REGISTERS}`,
      blames: 'acmeeng',
      check: (out) => expect(out.evidence).toEqual([{ module: 'acmeeng', weight: 0.45, line: 6, text: "the exception context's instruction pointer is in it (acmeeng!Parse+0x822)" }]),
    },
    {
      name: 'reads `r` after `.lastevent` names an exception (a kernel debugger stopped in a program)',
      text: `3: kd> .lastevent\nLast event: Access violation - code c0000005 (first chance)\n3: kd> r\n${EVENT_REGISTERS}`,
      blames: 'acmeeng',
    },
  ],
  valid: [
    {
      name: 'registers printed at a breakpoint (the debugger stopping on purpose)',
      text: `(1c8c.2a4): Break instruction exception - code 80000003 (first chance)\n${EVENT_REGISTERS}`,
    },
    { name: 'registers of the current context (r), not of a trap or exception', text: `${TRAP.replace('.trap fffff880`02fdde30', 'r')}\n${AT_IP}` },
    { name: "an ExceptionAddress in Windows' own code (not a suspect by itself)", text: '0:000> .exr -1\nExceptionAddress: 77c46fa3 (ntdll!RtlpLowFragHeapFree+0x31)\n   ExceptionCode: c0000005 (Access violation)' },
    { name: 'a trap frame whose rip is zero (not saved)', text: TRAP.replace('rip=fffff88004a1ea55', 'rip=0000000000000000') },
  ],
});
