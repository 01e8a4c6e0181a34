/**
 * What to run next for common user-mode exception codes. Written by us from
 * general WinDbg practice; commands per the debugger command reference
 * (https://learn.microsoft.com/windows-hardware/drivers/debuggercmds/) and the
 * gflags / page heap documentation.
 */

/** One suggested step. */
export interface ExceptionStep {
  command: string;
  why: string;
}

/** Keyed by the unsigned 32-bit exception code. */
export const EXCEPTION_GUIDANCE: ReadonlyMap<number, { summary: string; steps: ExceptionStep[] }> = new Map([
  [
    0xc0000005,
    {
      summary: 'an access violation: code read or wrote memory it may not touch (often a null or freed pointer)',
      steps: [
        { command: '.ecxr; kv', why: 'switch to the exception context and show the faulting stack' },
        { command: '!address <faulting address>', why: 'what the address belongs to: free, reserved, a heap, an image' },
      ],
    },
  ],
  [
    0xc0000374,
    {
      summary: 'heap corruption detected by the heap manager: the stack that notices it is usually a victim of an earlier bad write or double free',
      steps: [
        { command: 'gflags /p /enable <app>.exe /full', why: 'full page heap makes the next run stop at the bad write itself (outside the debugger, then reproduce)' },
        { command: '!heap -s', why: 'heap summary and any corruption the debugger can see' },
        { command: '!heap -p -a <address>', why: 'with page heap: who allocated and freed the block' },
      ],
    },
  ],
  [
    0xc00000fd,
    {
      summary: 'a stack overflow: the thread ran out of stack, by deep recursion or a huge local buffer',
      steps: [
        { command: 'kf', why: 'frame sizes: a repeating frame (recursion) or one huge frame stands out' },
        { command: '!teb', why: 'stack base and limit of the thread' },
      ],
    },
  ],
  [
    0xc0000409,
    {
      summary: 'a fail-fast: a security check (/GS stack cookie) or an explicit __fastfail found corrupted state and stopped the process',
      steps: [
        { command: '.ecxr; kv', why: 'the stack at the check shows which function detected it' },
        { command: '!analyze -v', why: 'the fail-fast code in the exception parameters says which check fired' },
      ],
    },
  ],
  [
    0xe0434352,
    {
      summary: 'a .NET exception that nobody caught',
      steps: [
        { command: '.loadby sos clr (or coreclr); !pe', why: 'print the managed exception, its message and stack' },
        { command: '!clrstack', why: 'the managed frames of the faulting thread' },
      ],
    },
  ],
  [
    0xe06d7363,
    {
      summary: 'a C++ exception (throw) that nobody caught',
      steps: [
        { command: '.exr -1', why: 'the exception record, with the thrown object' },
        { command: '.ecxr; kv', why: 'where it was thrown' },
      ],
    },
  ],
  [
    0xc000001d,
    {
      summary: 'an illegal instruction: bad code bytes, a jump into data, or a CPU feature the processor lacks',
      steps: [{ command: 'u @rip-20 @rip+10', why: 'look at the bytes around the faulting instruction' }],
    },
  ],
]);
