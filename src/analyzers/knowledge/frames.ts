/**
 * Names of kernel and user-mode functions the verdict treats specially when
 * reading a stack: the crash and wait machinery (where every crash and every
 * wait passes, so never a cause), and the functions a thread sits in while it
 * waits for a lock.
 *
 * Sources (retrieved 2026-11): Windows Internals, 7th ed., part 1, ch. 4
 * (thread scheduling and waits) and part 2, ch. 10 (crash dump analysis: trap
 * frames, KiPageFault, KeBugCheckEx); the `!analyze` documentation
 * (https://learn.microsoft.com/windows-hardware/drivers/debuggercmds/-analyze),
 * which skips these frames when it picks a faulting module; the critical
 * section and ERESOURCE pages
 * (https://learn.microsoft.com/windows-hardware/drivers/debugger/displaying-a-critical-section,
 * https://learn.microsoft.com/windows-hardware/drivers/debuggercmds/-locks).
 */

/** Frames that belong to the crash machinery itself, skipped when reading a stack top-down. */
export const MACHINERY =
  /^(?:KeBugCheck|KiBugCheck|KiDoubleFault|KiPageFault|KiGeneralProtection|KiTrap|KiSystemService|KiInterrupt|KiIpi|KiExceptionDispatch|KiDispatchException|RtlDispatchException|KxFlush|KiSwap|KiCommitThreadWait|KeWaitFor|KiWait|KeDelayExecution|ExAllocatePool|ExFreePool|MmAccessFault|Mi[A-Z])/;

/** Frames that mean "this thread waits for a lock". */
export const LOCK_WAIT =
  /^(?:RtlpWaitOnCriticalSection|RtlpEnterCriticalSectionContended|RtlEnterCriticalSection|RtlAcquireSRWLock|RtlpWaitOnAddress|ExAcquireResource|ExpWaitForResource|ExAcquireFastMutex|KeWaitForMutexObject|ExAcquirePushLock|ExfAcquirePushLock)/;

/** Scheduler, wait and I/O-call frames a waiting thread sits in; its own code is below them. */
export const WAIT_MACHINERY =
  /^(?:Ki|Ke(?:WaitFor|DelayExecution)|KxFlush|ExpWaitFor|ExAcquire|ExpAcquire|ObpWaitFor|NtWaitFor|ZwWaitFor|NtDelay|RtlpWaitOnCriticalSection|RtlEnterCriticalSection|NtDeviceIoControlFile|ZwDeviceIoControlFile)/;

/** Namespace roots of .NET's own code in managed frames (see commands/clrstack.ts). */
export const MANAGED_FRAMEWORK = /^(?:System|Microsoft|MS|Windows|Internal|Interop|mscorlib|netstandard)(?:\.|$)/;
