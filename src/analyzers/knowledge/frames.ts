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

/**
 * Functions a thread is blocked in while it waits to acquire a lock: critical
 * sections, SRW locks and condition variables, the loader lock, ERESOURCEs,
 * fast and guarded mutexes, pushlocks, kernel mutexes, and the CLR's monitors
 * and internal locks.
 */
export const LOCK_WAIT =
  /^(?:RtlpWaitOnCriticalSection|RtlpEnterCriticalSectionContended|RtlEnterCriticalSection|RtlpAcquireSRWLock\w*|RtlAcquireSRWLock\w*|RtlSleepConditionVariable\w*|SleepConditionVariable\w*|RtlpSleepConditionVariable\w*|LdrpAcquireLoaderLock|LdrLockLoaderLock|LdrpWaitForLoaderLock\w*|EnterCriticalSection|AcquireSRWLock\w*|ExAcquireResource\w*|ExpWaitForResource\w*|ExpAcquireResource\w*|ExAcquireShared\w*|ExAcquireFastMutex\w*|ExpAcquireFastMutexContended|ExAcquireGuardedMutex\w*|KeAcquireGuardedMutex\w*|KiAcquireGuardedMutex\w*|KeWaitForMutexObject|ExAcquirePushLock\w*|ExfAcquirePushLock\w*|ExAcquireCacheAwarePushLock\w*|ExBlockOnAddressPushLock|ExTimedWaitForUnblockPushLock|ExWaitForUnblockPushLock|FsRtlAcquireFile\w*|AwareLock::Enter\w*|JIT_MonEnter\w*|JITutil_MonEnter\w*|JIT_MonReliableEnter\w*|CrstBase::Enter|(?:System\.Threading\.)?Monitor\.(?:Enter|ReliableEnter|TryEnter|ObjWait|Wait)\w*|ObjectNative::WaitTimeout|System\.Threading\.(?:ReaderWriterLock(?:Slim)?\.(?:Acquire|TryEnter|Enter)\w*|SpinLock\.\w+))$/;

/**
 * Waits on an object (event, handle, thread): the caller waits for someone else to signal it.
 * The CoreCLR runtime's own wrappers (CLREventWaitHelper, Thread::DoAppropriateWait) are listed too:
 * a debugger's Call Stack window often starts a managed process's stack with them.
 */
export const OBJECT_WAIT =
  /^(?:WaitForSingleObject\w*|WaitForMultipleObjects\w*|MsgWaitForMultipleObjects\w*|SignalObjectAndWait|NtWaitForSingleObject|ZwWaitForSingleObject|NtWaitForMultipleObjects\w*|ZwWaitForMultipleObjects\w*|NtUserMsgWaitForMultipleObjectsEx|ZwUserMsgWaitForMultipleObjectsEx|KeWaitForSingleObject|KeWaitForMultipleObjects|ObWaitForSingleObject|ObpWaitForMultipleObjects|NtWaitForAlertByThreadId|ZwWaitForAlertByThreadId|RtlpWaitOnAddress\w*|RtlWaitOnAddress|WaitOnAddress|CLREventWaitHelper\w*|CLREventBase::Wait(?:Ex)?|Thread::DoAppropriateWait\w*|Thread::JoinEx|GetOverlappedResult\w*|NtDelayExecution|ZwDelayExecution|SleepEx|Sleep|KeDelayExecutionThread|System\.Threading\.(?:WaitHandle\.Wait\w*|ManualResetEventSlim\.Wait|SemaphoreSlim\.Wait\w*|Tasks\.Task\.(?:Wait|InternalWait|SpinThenBlockingWait|WaitAll|WaitAny)\w*|Thread\.(?:Sleep|Join)\w*|SpinWait\.SpinOnce|Tasks\.Task`1\.get_Result|Tasks\.Task`1\.GetResultCore)|System\.Runtime\.CompilerServices\.TaskAwaiter\w*\.(?:GetResult|HandleNonSuccessAndDebuggerNotification|ValidateEnd))$/;

/** The scheduler frames at the top of every waiting thread's stack. */
export const SCHEDULER = /^(?:KiSwapContext|KiSwapThread|KiCommitThreadWait|KiSwitchToThread|SwapContext\w*|KxDispatchInterrupt|KiDispatchInterrupt|KiSwapContextSuspend)$/;

/** Scheduler, wait and I/O-call frames a waiting thread sits in; its own code is below them. */
export const WAIT_MACHINERY =
  /^(?:Ki|Ke(?:WaitFor|DelayExecution)|KxFlush|ExpWaitFor|ExAcquire|ExpAcquire|ObpWaitFor|NtWaitFor|ZwWaitFor|NtDelay|RtlpWaitOnCriticalSection|RtlEnterCriticalSection|NtDeviceIoControlFile|ZwDeviceIoControlFile)/;

/**
 * Namespace roots of .NET's own code in managed frames (see commands/clrstack.ts), and the WPF
 * assemblies whose names are no namespace (WindowsBase, PresentationCore, PresentationFramework).
 */
export const MANAGED_FRAMEWORK = /^(?:System|Microsoft|MS|Windows|Internal|Interop|mscorlib|netstandard|WindowsBase|PresentationCore|PresentationFramework)(?:\.|$)/;

/**
 * Where a thread's stack starts: system-thread, worker, DPC, timer, interrupt,
 * APC and system-call entry points, and user-mode thread starts. A stack that
 * reaches one of them is whole: what is above it is the thread's entire path.
 */
export const THREAD_ROOT =
  /^(?:KiStartSystemThread|KxStartSystemThread|PspSystemThreadStartup|KiIdleLoop|KiRetireDpcList|KiExecuteAllDpcs|KiProcessExpiredTimerList|KiTimerExpiration|KiExpireTimerTable|KiInterruptDispatch\w*|KiIpiInterrupt|KiSystemServiceCopyEnd|KiSystemServiceExit|KiSystemService|KiSystemCall64\w*|KiFastCallEntry|KiServiceExit\d?|ExpWorkerThread|IopProcessWorkItem|KiDeliverApc|KiApcInterrupt|KiInitiateUserApc|KiCallUserMode|KiStartUserThread|RtlUserThreadStart|_RtlUserThreadStart|BaseThreadInitThunk|__RtlUserThreadStart|RtlpExecuteHandlerForException|KiUserApcDispatcher|KiUserCallbackDispatcher)$/;

/**
 * The debugger breaking in (Ctrl+Break in kd: the clock interrupt polls for it;
 * attaching to a process: a remote thread breaks): the 0x80000003 "exception" of
 * such a stop is the debugger's own, not a crash. A DbgBreakPoint called by code
 * (an assertion, Driver Verifier) is not a break-in.
 * Source: https://learn.microsoft.com/windows-hardware/drivers/debugger/debug-break--ctrl-break-
 */
export const DEBUGGER_BREAK_IN = /^(?:KdCheckForDebugBreak|KdPollBreakIn|KdpBreakIn\w*|DbgUiRemoteBreakin)$/;

/**
 * Where a system call enters the kernel. On a kernel stack, the frames below
 * it are the user-mode program that made the call: it can trigger a bug check
 * but not cause one (a driver must check what it is given).
 * Source: Windows Internals, 7th ed., part 2, ch. 8 (System service dispatching).
 */
export const SYSTEM_CALL_ENTRY = /^(?:KiSystemServiceCopyEnd|KiSystemServiceExit|KiSystemService|KiSystemCall64\w*|KiSystemCall32\w*|KiFastCallEntry\w*|KiServiceExit\d?)$/;

/**
 * Frames a crashing kernel thread passes through: the trap and exception
 * handlers and the bug check itself. Above a resolved page fault sits a wait
 * (the thread waits for the page), so a page fault counts only with no wait above it.
 */
export const KERNEL_FAULT =
  /^(?:KiPageFault|KiGeneralProtectionFault|KiTrap0[0-9A-Fa-f]|KiDoubleFaultAbort|KiRaiseSecurityCheckFailure|KiFastFailDispatch|KiBugCheckDispatch|KeBugCheck2?|KeBugCheckEx|KiSystemFatalException|KiInvalidOpcodeFault|KiDivideErrorFault|KiStackFault|KiSegmentNotPresentFault|KiAlignmentFault|KiMcheckAbort|KiNmiInterrupt\w*|KiBugCheckDebugBreak|KiExceptionDispatch)$/;

/** Frames of a user-mode thread reporting its own death: exception dispatch, heap and security failures, WER. */
export const USER_FAULT =
  /^(?:KiUserExceptionDispatch(?:er)?|RtlReportCriticalFailure|RtlpHeapHandleError|RtlpReportHeapFailure|RtlpLogHeapFailure|RtlReportFatalFailure|__report_gsfailure|__report_securityfailure|RtlFailFast\w*|RaiseFailFastException|UnhandledExceptionFilter|RtlUnhandledExceptionFilter2?|WerpReportFault\w*|KiRaiseUserExceptionDispatcher|_invoke_watson|_invalid_parameter\w*|__scrt_unhandled_exception_filter|_purecall|abort)$/;

/**
 * Heap allocation routines: a heap corruption found inside one of them was
 * made earlier, by someone else; their caller is a victim (Advanced Windows
 * Debugging, ch. 6 "Memory Corruption Part II – Heaps").
 */
export const HEAP_ALLOCATION =
  /^(?:RtlAllocateHeap|RtlpAllocateHeap\w*|RtlpHpAllocWithExceptionProtection|RtlReAllocateHeap|RtlpReAllocateHeap\w*|HeapAlloc|HeapReAlloc|LocalAlloc|GlobalAlloc|malloc|_malloc_base|calloc|_calloc_base|realloc|_realloc_base|operator new|SysAllocString\w*|CoTaskMemAlloc)$/;

/**
 * A heap's own entry points and the allocators programs bring with them (a product's heap wrapper such as
 * ExchMHeapFree, jemalloc's je_free, tcmalloc's tc_free, mimalloc's mi_free): a fault inside one is a bad
 * pointer or a heap damaged earlier, and the module that called it is where the code path failed.
 * Source: Advanced Windows Debugging (Hewardt, Pravat), ch. 6, "Memory Corruption Part II – Heaps".
 */
export const HEAP_ROUTINE =
  /^(?:RtlFreeHeap|RtlpFreeHeap\w*|HeapFree|LocalFree|GlobalFree|free|_free_base|_free_dbg|operator delete(?:\[\])?|CoTaskMemFree|SysFreeString|\w*Heap(?:Free|Alloc|ReAlloc)|je_(?:free|malloc|realloc|calloc)|tc_(?:free|malloc|realloc|calloc)|mi_(?:free|malloc|realloc|calloc))$/;

/**
 * Library routines: copies, fills, string and pool helpers, reference counting,
 * request completion. A fault inside one lands where its caller's bad pointer
 * or size led it; the caller's code is the code path that failed.
 * Source: Windows Internals, 7th ed., part 1, ch. 5 (memory manager) and the
 * WDK's run-time library reference (https://learn.microsoft.com/windows-hardware/drivers/ddi/wdm/).
 */
export const LIBRARY_ROUTINE =
  /^(?:memcpy|memmove|memset|memcmp|strlen|wcslen|strn?cpy\w*|wcsn?cpy\w*|RtlCopyMemory\w*|RtlMoveMemory|RtlFillMemory\w*|RtlZeroMemory|RtlCompareMemory\w*|RtlDecompressBuffer\w*|RtlInitUnicodeString|RtlCopyUnicodeString|RtlAppendUnicode\w*|RtlEqualUnicodeString|ExFreePool\w*|ExpFreePool\w*|ExAllocatePool\w*|ExpAllocatePool\w*|ExDeferredFreePool|ExpRemovePoolTracker|ExpInsertPoolTracker|ObfDereferenceObject\w*|ObDereferenceObject\w*|ObfReferenceObject|IofCompleteRequest|IopfCompleteRequest|IopCompleteRequest|ProbeForRead|ProbeForWrite)$/;

/**
 * Kernel routines every thread passes through on its way to someone else's
 * code: the dispatcher, APC and DPC delivery, work queues, I/O dispatch. A
 * fault under one of them is not that routine's own work.
 */
export const KERNEL_DISPATCH = /^(?:K[iex][A-Z]\w*|Hal\w*|Kf\w*|Ex(?:p?Worker|p?Queue|QueueWorkItem)\w*|Iof?CallDriver|IopfCallDriver|IopSynchronousServiceTail|IopXxxControlFile|PspSystemThreadStartup)$/;

/** Exception dispatch and unwinding: how a fault travels to its handler, nobody's own work. */
export const EXCEPTION_DISPATCH =
  /^(?:KiSystemServiceHandler|RtlDispatchException|RtlpExecuteHandler\w*|KiDispatchException|__C_specific_handler|_?except_handler\d?|ExpRaiseStatus|RtlRaiseStatus|ExRaiseStatus|RtlpUnwind\w*|RtlUnwind\w*)$/;
