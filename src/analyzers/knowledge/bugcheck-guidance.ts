/**
 * Usual causes and next debugger commands for the most common stop codes.
 *
 * Written for this project in our own words from general Windows debugging
 * practice; the commands are standard WinDbg/kd commands and extensions
 * (reference: https://learn.microsoft.com/en-us/windows-hardware/drivers/debugger/debugger-commands).
 * `<arg1>`..`<arg4>` in a command stand for the bug-check arguments and are
 * filled in by `suggestNextSteps` in bugcheck-codes.ts; a step with `when`
 * applies only when that argument has that value. Steps that are not debugger
 * commands (Driver Verifier, chkdsk) say so in `why`.
 */

/** One suggested command. */
export interface NextStep {
  command: string;
  why: string;
  /** Only when this argument has this value (e.g. 0x9F arg1 = 3). */
  when?: { arg: 1 | 2 | 3 | 4; value: number };
}

/** Causes and steps for one stop code. */
export interface Guidance {
  causes: string;
  nextSteps: NextStep[];
}

// Steps reused by several codes.
const ANALYZE: NextStep = {
  command: '!analyze -v',
  why: 'Prints the decoded arguments, the faulting stack and the module the debugger blames, as a starting point.',
};
const STACK: NextStep = {
  command: 'kv',
  why: 'The full stack with frame arguments and trap frames: the first non-Microsoft frame above the failure is the usual suspect.',
};
const MODULE_TIMES: NextStep = {
  command: 'lm t n',
  why: 'Lists loaded modules with link dates: old or unusual third-party drivers stand out.',
};
const VERIFIER_POOL: NextStep = {
  command: 'verifier /flags 0x9 /driver <suspect>.sys',
  why: 'Not a debugger command: run in an elevated prompt on the affected machine and reboot. Special pool plus pool tracking makes the next crash stop in the driver that damages memory.',
};
const VERIFIER_STANDARD: NextStep = {
  command: 'verifier /standard /driver <suspect>.sys',
  why: 'Not a debugger command: enables the standard Driver Verifier checks for the suspected third-party drivers so the next crash names the offender directly.',
};
const CPU_INFO: NextStep = {
  command: '!sysinfo cpuinfo',
  why: 'Processor model, speed and microcode: shows overclocking and outdated microcode.',
};
const MACHINE_ID: NextStep = {
  command: '!sysinfo machineid',
  why: 'System manufacturer, model and BIOS version and date, to check for firmware updates.',
};
const VM: NextStep = {
  command: '!vm',
  why: 'Memory and pool usage: exhausted nonpaged or paged pool changes the diagnosis to a leak.',
};
const CHKIMG: NextStep = {
  command: '!chkimg -lo 50 -d !nt',
  why: 'Compares the kernel code in memory with the image file: modified bytes point to a hooking driver or to bad RAM.',
};
const IRPFIND: NextStep = {
  command: '!irpfind',
  why: 'Lists outstanding IRPs (slow on large dumps): I/O stuck in the storage stack points at the disk path.',
};
const DISK_CHECK: NextStep = {
  command: 'chkdsk C: /scan',
  why: 'Not a debugger command: check the volume and the disk health (SMART, System event log disk/storport errors) on the affected machine.',
};

/** Keyed by stop code. `_M` variants reuse their base code's entry. */
export const BUGCHECK_GUIDANCE: Readonly<Record<number, Guidance>> = {
  0x0a: {
    causes:
      'A driver following a bad or stale pointer while holding a spin lock or running in a DPC, or touching pageable memory at that level; faulty RAM now and then.',
    nextSteps: [
      ANALYZE,
      { command: 'ln <arg4>', why: 'Names the function at the faulting instruction.' },
      { command: '!pte <arg1>', why: 'Shows whether the referenced address was ever valid or just paged out.' },
      { command: '!pool <arg1>', why: 'If the address is in pool, shows the allocation and its tag (freed memory means use-after-free).' },
      STACK,
    ],
  },
  0x13: {
    causes: 'Kernel memory corruption that damaged the list of exiting threads, from a misbehaving driver or defective memory.',
    nextSteps: [ANALYZE, MODULE_TIMES, VERIFIER_POOL],
  },
  0x18: {
    causes: 'A driver dropping an object reference it never took (or dropping it twice), so the count went below what the object manager expects.',
    nextSteps: [
      ANALYZE,
      { command: '!object <arg2>', why: 'Shows the object whose count broke, its type and name.' },
      STACK,
      VERIFIER_STANDARD,
    ],
  },
  0x19: {
    causes:
      'A driver writing past its pool allocation or freeing it twice; the crash hits whoever next touches the damaged pool page, often an innocent Microsoft module.',
    nextSteps: [
      ANALYZE,
      { command: '!pool <arg2>', why: 'Walks the pool page around the checked entry and shows the neighbouring tags: the block before the damage is the first suspect.' },
      { command: '!poolval <arg2>', why: 'Validates the headers of that pool page and reports which one is corrupt.' },
      VERIFIER_POOL,
    ],
  },
  0x1a: {
    causes:
      'Failing or overclocked RAM, a driver corrupting memory-manager structures, or less often disk errors reading pages back; the first argument tells which consistency check failed.',
    nextSteps: [
      ANALYZE,
      {
        command: 'dt nt!_MMPFN <arg2>',
        why: 'For 0x41790 the second argument is the PFN entry of the damaged page-table page: its UsedPageTableEntries count shows the underflow.',
        when: { arg: 1, value: 0x41790 },
      },
      CHKIMG,
      { command: 'mdsched.exe', why: 'Not a debugger command: run Windows Memory Diagnostic (or a vendor memory test) on the affected machine.' },
      VERIFIER_POOL,
    ],
  },
  0x1c: {
    causes: 'Memory-manager page accounting damaged by defective RAM or by a driver releasing pages it did not lock.',
    nextSteps: [ANALYZE, MODULE_TIMES, VERIFIER_STANDARD],
  },
  0x1e: {
    causes:
      'A driver bug raising an access violation (bad pointer), a breakpoint left in a driver (0x80000003), or an illegal instruction from damaged code or an unstable CPU.',
    nextSteps: [
      ANALYZE,
      { command: 'ln <arg2>', why: 'Names the function where the exception was raised.' },
      STACK,
      MODULE_TIMES,
    ],
  },
  0x24: {
    causes:
      'On-disk NTFS corruption, a failing disk, nonpaged pool exhaustion, or a file-system filter (antivirus, backup, encryption) handing NTFS bad data.',
    nextSteps: [
      { command: '.exr <arg2>', why: 'The exception record: exception code and faulting address.' },
      { command: '.cxr <arg3>', why: 'Switches to the faulting context; run kb afterwards to see the stack that matters.' },
      { command: '!fltkd.filters', why: 'Lists the minifilters stacked above NTFS and their altitudes.' },
      VM,
      DISK_CHECK,
    ],
  },
  0x3b: {
    causes:
      'A driver (often graphics, antivirus or a hooking tool) faulting while the kernel serves a system call, usually on a bad pointer.',
    nextSteps: [
      { command: '.cxr <arg3>', why: 'Switches to the context of the exception; run kb afterwards for the real stack.' },
      { command: 'ln <arg2>', why: 'Names the function at the faulting instruction.' },
      ANALYZE,
      MODULE_TIMES,
    ],
  },
  0x3f: {
    causes: 'A driver leaking system address mappings (MDL mappings, I/O space) until none are left, or a workload that maps too much memory.',
    nextSteps: [
      { command: '!sysptes', why: 'Shows how many system PTEs are free and how fragmented they are.' },
      VM,
      ANALYZE,
    ],
  },
  0x44: {
    causes: 'Two drivers in a stack each completing the same IRP, or one driver completing it twice (for example in both the dispatch routine and the completion path).',
    nextSteps: [
      { command: '!irp <arg1>', why: 'The IRP\'s stack locations show which drivers handled it.' },
      ANALYZE,
      VERIFIER_STANDARD,
    ],
  },
  0x4e: {
    causes: 'A driver passing a damaged MDL or unlocking pages twice, or defective RAM corrupting the page-frame lists.',
    nextSteps: [
      ANALYZE,
      { command: '!pfn <arg2>', why: 'For 0x9A the second argument is the page frame number: shows its state and reference count.', when: { arg: 1, value: 0x9a } },
      VERIFIER_STANDARD,
      { command: 'mdsched.exe', why: 'Not a debugger command: test the RAM.' },
    ],
  },
  0x50: {
    causes:
      'A driver using memory after freeing it or following a corrupt pointer; less often faulty RAM, a damaged paging file or antivirus filters.',
    nextSteps: [
      ANALYZE,
      { command: '!pte <arg1>', why: 'Shows whether the referenced address is mapped at all.' },
      { command: '!pool <arg1>', why: 'If the address is in pool, shows whether that block was freed and which tag owned it.' },
      { command: 'ln <arg3>', why: 'Names the function that made the reference.' },
      VERIFIER_POOL,
    ],
  },
  0x5a: {
    causes:
      'A boot-start driver or service that Windows cannot do without failed to load, often because it failed signature checks (0xC0000428), is missing, or is damaged.',
    nextSteps: [
      STACK,
      ANALYZE,
      MODULE_TIMES,
      { command: 'sigverif', why: 'Not a debugger command: check driver signatures and the CatRoot catalogs on the affected system (sigcheck works too), then repair with the installation media.' },
    ],
  },
  0x5c: {
    causes: 'Firmware (ACPI tables, timers, interrupt controller) that the HAL cannot use, a BIOS setting change, or damaged HAL files.',
    nextSteps: [ANALYZE, MACHINE_ID, CPU_INFO],
  },
  0x6b: {
    causes: 'A missing or damaged core system file (ntdll, smss, NLS files) or a corrupted system volume, often after a failed update.',
    nextSteps: [
      { command: '!error <arg1>', why: 'Decodes the status that made process initialization fail.' },
      ANALYZE,
      DISK_CHECK,
    ],
  },
  0x74: {
    causes: 'A damaged SYSTEM registry hive, from a failed update, a power loss during a write, or a failing disk.',
    nextSteps: [
      { command: '!reg hivelist', why: 'Lists the loaded hives and their files to see which loaded and which did not.' },
      { command: '!error <arg4>', why: 'Decodes the status reported for the failure, when present.' },
      DISK_CHECK,
    ],
  },
  0x77: {
    causes: 'A kernel stack page could not be read back from the paging file: bad sectors, a failing disk or controller, loose cables, or bad RAM.',
    nextSteps: [
      ANALYZE,
      { command: '!error <arg1>', why: 'When the first argument is not 0, 1 or 2 it is the I/O status: decodes it.' },
      IRPFIND,
      DISK_CHECK,
    ],
  },
  0x7a: {
    causes:
      'Kernel data could not be paged in: failing disk or SSD, bad sectors in the paging file, controller or cable faults, or on rare occasions RAM.',
    nextSteps: [
      { command: '!error <arg2>', why: 'Decodes the I/O status (0xC000009C bad data, 0xC000009D device gone, 0xC0000185 device error, 0xC000000E no such device).' },
      { command: '!pte <arg4>', why: 'Shows the page that could not be read.' },
      IRPFIND,
      DISK_CHECK,
    ],
  },
  0x7b: {
    causes:
      'No working driver for the boot storage controller (controller mode switched between AHCI, RAID and IDE, a disabled or removed storage driver), a damaged boot volume, or a broken storage filter.',
    nextSteps: [
      { command: 'dS <arg1>', why: 'When the first argument is a string, prints the boot device name that could not be opened.' },
      { command: '!devnode 0 1', why: 'Dumps the device tree: storage controllers without a started driver stand out.' },
      MODULE_TIMES,
    ],
  },
  0x7e: {
    causes: 'A driver fault in a system worker thread: a bad pointer, a corrupt structure, or a breakpoint left in the driver.',
    nextSteps: [
      { command: '.exr <arg3>', why: 'The exception record: exception code and address.' },
      { command: '.cxr <arg4>', why: 'Switches to the faulting context; run kb afterwards for the stack that failed.' },
      { command: 'ln <arg2>', why: 'Names the function where the exception happened.' },
      MODULE_TIMES,
    ],
  },
  0x7f: {
    causes:
      'Mostly a double fault (trap 8) from a kernel stack overflow: deep recursion, many filter drivers on one stack, or allocation failures under pool exhaustion; also divide-by-zero in a driver or unstable hardware.',
    nextSteps: [
      ANALYZE,
      { command: 'kf', why: 'Shows how much stack each frame uses: the frames that ate the stack, or a repeating recursion, stand out.', when: { arg: 1, value: 8 } },
      { command: '!thread', why: 'The current thread with its stack base and limit, to confirm the overflow.', when: { arg: 1, value: 8 } },
      VM,
      CPU_INFO,
    ],
  },
  0x80: {
    causes: 'A hardware error signalled through a non-maskable interrupt (memory parity, PCI bus error), or an NMI sent on purpose from a BMC, hypervisor or NMI button to capture a dump.',
    nextSteps: [ANALYZE, MACHINE_ID, { command: '!whea', why: 'Lists the hardware error sources and any recorded errors.' }],
  },
  0x8e: {
    causes: 'A kernel-mode exception in a driver: bad pointer, corrupted code, or a debug breakpoint left in place.',
    nextSteps: [
      { command: '.trap <arg3>', why: 'Switches to the trap frame; run kb afterwards for the faulting stack.' },
      { command: 'ln <arg2>', why: 'Names the function at the exception address.' },
      ANALYZE,
    ],
  },
  0x9c: {
    causes: 'A machine check on an older Windows version: CPU, cache, memory or bus hardware errors, overheating or overclocking.',
    nextSteps: [CPU_INFO, { command: '!mca', why: 'Displays the machine check bank registers that name the failing unit.' }, MACHINE_ID],
  },
  0x9f: {
    causes:
      'A driver that never completes a power IRP (sleep, resume, device power-down) or that holds the Plug and Play lock while waiting on something that never finishes, often a USB, network or storage driver.',
    nextSteps: [
      { command: '!irp <arg4>', why: 'The blocked power IRP: its current stack location names the driver holding it.', when: { arg: 1, value: 3 } },
      { command: '!devstack <arg2>', why: 'The device stack of the physical device object that was waiting.', when: { arg: 1, value: 3 } },
      { command: '!poaction', why: 'Shows the power transition in progress and its outstanding IRPs.', when: { arg: 1, value: 3 } },
      { command: '!locks', why: 'Shows who owns the PnP engine lock and who waits for it.', when: { arg: 1, value: 4 } },
      { command: '!thread <arg3>', why: 'The thread holding the PnP lock: the driver frames on its stack are what it waits in.', when: { arg: 1, value: 4 } },
      { command: 'dt nt!_TRIAGE_9F_PNP <arg4>', why: 'The triage block with the PnP operation and device involved.', when: { arg: 1, value: 4 } },
    ],
  },
  0xa0: {
    causes: 'A hibernation file that is too small or damaged, a driver mishandling power IRPs during sleep or hibernate, or firmware power bugs.',
    nextSteps: [ANALYZE, { command: '!poaction', why: 'Shows the power action and transition that was running.' }, MACHINE_ID],
  },
  0xab: {
    causes: 'A session driver (display, printer, remote desktop component) that did not free its session pool when the user session ended.',
    nextSteps: [
      { command: '!poolused 8', why: 'Session pool usage by tag: the leaking tag names the driver.' },
      ANALYZE,
      MODULE_TIMES,
    ],
  },
  0xbe: {
    causes: 'A driver writing through a bad pointer into read-only memory (kernel code or protected data), or a driver patching code.',
    nextSteps: [
      { command: 'ln <arg1>', why: 'Shows what the written address belongs to (code of which module).' },
      { command: '!pte <arg1>', why: 'The protection of the page that was written.' },
      STACK,
    ],
  },
  0xc1: {
    causes: 'A driver under Driver Verifier special pool overran, underran or double-freed its allocation; argument 4 says which.',
    nextSteps: [
      { command: '!pool <arg1>', why: 'The special pool block involved and its tag.' },
      { command: '!verifier 0x80 <arg1>', why: 'The pool allocate/free log for that address (needs pool tracking): the callers that allocated and freed it.' },
      STACK,
      { command: '!verifier', why: 'Which drivers are verified and with which checks.' },
    ],
  },
  0xc2: {
    causes: 'A driver freeing pool twice, at the wrong IRQL or with the wrong tag, or asking for a zero-byte allocation; the driver is on the stack below the pool routine.',
    nextSteps: [ANALYZE, STACK, VERIFIER_POOL],
  },
  0xc4: {
    causes: 'Driver Verifier caught a verified driver breaking a rule; the first argument names the check and the driver on the stack is normally the culprit.',
    nextSteps: [ANALYZE, STACK, { command: '!verifier', why: 'Lists the verified drivers, the enabled checks and failure counters.' }],
  },
  0xc5: {
    causes: 'Pool corruption by a driver (overrun or double free) found later by other code touching the damaged pool at raised IRQL.',
    nextSteps: [
      { command: '!pool <arg1>', why: 'The damaged pool area and the tags around it.' },
      { command: 'ln <arg4>', why: 'The code that hit the damage (often a victim).' },
      VERIFIER_POOL,
    ],
  },
  0xc9: {
    causes: 'A verified driver mishandling an IRP: completing it twice, returning an inconsistent status, or calling at the wrong IRQL.',
    nextSteps: [ANALYZE, STACK, { command: '!verifier', why: 'Which drivers are verified and with which checks.' }],
  },
  0xca: {
    causes: 'A bus or filter driver reporting child devices wrongly (duplicate or invalid device objects, bad device IDs).',
    nextSteps: [
      ANALYZE,
      { command: '!devstack <arg2>', why: 'The device object reported by the failure and the drivers stacked on it.' },
      { command: '!devnode 0 1', why: 'The device tree around the failing device.' },
    ],
  },
  0xcb: {
    causes: 'A driver that locked a process\'s pages for I/O and never unlocked them.',
    nextSteps: [
      { command: 'dt nt!_MDL <arg3>', why: 'The MDL describing the pages still locked.' },
      ANALYZE,
      VERIFIER_STANDARD,
    ],
  },
  0xd1: {
    causes: 'A driver using an invalid or pageable address at DISPATCH_LEVEL or above: a null or freed pointer, or pageable code or data used in a DPC.',
    nextSteps: [
      ANALYZE,
      { command: 'ln <arg4>', why: 'Names the function at the faulting instruction: usually inside the driver to blame.' },
      { command: '!pte <arg1>', why: 'Whether the referenced address was valid.' },
      { command: '!pool <arg1>', why: 'If the address is in pool, whether that block was freed.' },
      VERIFIER_STANDARD,
    ],
  },
  0xd5: {
    causes: 'A driver under Verifier touching special pool after freeing it (use after free).',
    nextSteps: [
      { command: '!pool <arg1>', why: 'The freed special pool block and its tag.' },
      { command: 'ln <arg3>', why: 'The code that made the reference.' },
      { command: '!verifier 0x80 <arg1>', why: 'Who allocated and freed that block.' },
    ],
  },
  0xd6: {
    causes: 'A driver under Verifier reading or writing past the end of its pool allocation (buffer overrun).',
    nextSteps: [
      { command: '!pool <arg1>', why: 'The allocation that was overrun and its tag.' },
      { command: 'ln <arg3>', why: 'The code that overran the buffer.' },
      STACK,
    ],
  },
  0xde: {
    causes: 'A driver corrupting pool in a way that spread into file data pages.',
    nextSteps: [ANALYZE, VERIFIER_POOL],
  },
  0xe2: {
    causes: 'Nothing failed on its own: an administrator or tool forced the crash, usually to capture a hang.',
    nextSteps: [
      { command: '!locks', why: 'Lock owners and waiters: a hang usually shows a long-held lock.' },
      { command: '!running -it', why: 'What every processor was running when the dump was forced.' },
      { command: '!stacks 2', why: 'Summarizes all kernel stacks to spot threads stuck in the same driver.' },
      VM,
    ],
  },
  0xea: {
    causes: 'A graphics driver spinning while waiting for the GPU to go idle: a hung GPU, overheating, power or overclocking problems, or a driver bug.',
    nextSteps: [
      { command: '!thread <arg1>', why: 'The stuck thread and its stack inside the display driver.' },
      { command: 'dS <arg3>', why: 'The name of the driver that was stuck.' },
      MODULE_TIMES,
    ],
  },
  0xef: {
    causes: 'A critical system process crashed or was killed (by a user, malware or cleanup tool), or could not page in its code because of disk errors.',
    nextSteps: [
      { command: '!process <arg1> 7', why: 'The process that died, with its threads and their last stacks.' },
      ANALYZE,
      DISK_CHECK,
    ],
  },
  0xf4: {
    causes: 'A critical process or thread ended unexpectedly: frequently an in-page error (disk or controller failure) in csrss or wininit, sometimes a crash or a forced kill.',
    nextSteps: [
      { command: '!process <arg2> 3', why: 'The terminated process and its threads.', when: { arg: 1, value: 3 } },
      { command: '!thread <arg2>', why: 'The terminated thread and its stack.', when: { arg: 1, value: 6 } },
      { command: 'da <arg3>', why: 'The image name of the process that ended.' },
      { command: 'da <arg4>', why: 'The kernel\'s explanation string for the termination.' },
      ANALYZE,
      DISK_CHECK,
    ],
  },
  0xf7: {
    causes: 'A driver overflowing a buffer on its own stack, corrupting the security cookie that guards the frame.',
    nextSteps: [ANALYZE, STACK, MODULE_TIMES],
  },
  0xfc: {
    causes: 'Kernel code jumping into non-executable memory: a damaged function pointer, a stack buffer overflow, or malware.',
    nextSteps: [
      { command: 'ln <arg1>', why: 'What the execution target belongs to.' },
      { command: '!pte <arg1>', why: 'The no-execute protection of the target page.' },
      STACK,
    ],
  },
  0x101: {
    causes:
      'A processor stopped answering clock interrupts, typically spinning with interrupts off: firmware or hardware faults, a hypervisor starving a virtual CPU, or a driver spinning at high IRQL.',
    nextSteps: [
      { command: '~<arg4>s', why: 'Switches to the processor that did not respond.' },
      { command: 'kv', why: 'After switching: that processor\'s stack, if its context was saved.' },
      { command: '!prcb <arg4>', why: 'The hung processor\'s control block: current and next thread, DPC state.' },
      { command: 'dps @rsp L100', why: 'After switching: raw stack contents name drivers even when registers are zeroed and the stack cannot be walked.' },
      { command: '!running -it', why: 'What every processor was doing, to see who waited for whom.' },
      CPU_INFO,
      MACHINE_ID,
    ],
  },
  0x109: {
    causes:
      'Kernel Patch Protection found kernel code or a critical structure modified: a driver hooking the kernel (old security, anti-cheat or system tools), malware, or bit flips from bad RAM.',
    nextSteps: [
      { command: '!analyze -show 109 <arg1> <arg2> <arg3> <arg4>', why: 'Decodes the corrupted region type from the fourth argument.' },
      CHKIMG,
      {
        command: '!drvobj <driver> 2',
        why: 'For driver object corruption: list the dispatch routines of the named driver; entries pointing outside their owner reveal the hooking module.',
        when: { arg: 4, value: 0x1c },
      },
      MODULE_TIMES,
    ],
  },
  0x116: {
    causes: 'The graphics driver could not be reset after a GPU timeout: an unstable or overheating GPU, insufficient power, overclocking, or a display driver bug.',
    nextSteps: [
      { command: 'ln <arg2>', why: 'Names the display driver function involved.' },
      { command: 'lmv a <arg2>', why: 'Version and date of the graphics driver module.' },
      ANALYZE,
    ],
  },
  0x117: {
    causes: 'The GPU stopped responding and Windows reset it: driver bugs, unstable overclocks, heat or power delivery.',
    nextSteps: [
      { command: 'lmv a <arg2>', why: 'Version and date of the graphics driver module.' },
      ANALYZE,
    ],
  },
  0x119: {
    causes: 'The display driver reporting inconsistent state to the GPU scheduler (fences, command buffers), usually a graphics driver bug.',
    nextSteps: [ANALYZE, STACK, MODULE_TIMES],
  },
  0x124: {
    causes: 'A hardware fault reported by the platform: CPU or cache errors, memory or memory-controller errors, PCIe errors; overclocking, heat, voltage or firmware.',
    nextSteps: [
      { command: '!errrec <arg2>', why: 'Decodes the WHEA error record: error type, processor, MCA bank and status.' },
      CPU_INFO,
      MACHINE_ID,
      { command: '!whea', why: 'Lists the hardware error sources and records.' },
    ],
  },
  0x12b: {
    causes: 'Defective RAM: a page that had to stay unchanged was found with a flipped bit.',
    nextSteps: [ANALYZE, { command: 'mdsched.exe', why: 'Not a debugger command: test the RAM modules.' }, MACHINE_ID],
  },
  0x133: {
    causes:
      'A driver spending too long in DPCs or interrupt routines, or a device not answering (storage, network and graphics drivers, SSD firmware).',
    nextSteps: [
      { command: '!dpcwatchdog', why: 'DPC watchdog state: time spent and which routine ran too long.' },
      { command: '!dpcs', why: 'Queued DPCs per processor and their routines.' },
      STACK,
      MODULE_TIMES,
    ],
  },
  0x139: {
    causes: 'A driver corrupting a linked list or a stack buffer, so a kernel integrity check tripped; the first argument names the check.',
    nextSteps: [
      { command: '.trap <arg2>', why: 'Switches to the trap frame; run kb afterwards to see the code that tripped the check.' },
      { command: '.exr <arg3>', why: 'The exception record of the failure.' },
      ANALYZE,
    ],
  },
  0x13a: {
    causes: 'A driver overrunning a kernel heap buffer, freeing it twice or using it after free.',
    nextSteps: [
      { command: '!pool <arg3>', why: 'The corrupted allocation and its tag.' },
      ANALYZE,
      VERIFIER_POOL,
    ],
  },
  0x144: {
    causes: 'A USB client driver sending bad requests, or a USB 3 device failing to re-enumerate (faulty device, cable or hub, power saving).',
    nextSteps: [
      ANALYZE,
      { command: '!usb3kd.usb_tree', why: 'The USB 3 device tree and the state of each device.' },
      MODULE_TIMES,
    ],
  },
  0x154: {
    causes: 'A page could not be read back from the compressed memory store or the paging file: disk errors, a failing SSD, or memory faults.',
    nextSteps: [ANALYZE, STACK, DISK_CHECK],
  },
  0x15f: {
    causes: 'A device or driver kept the system from reaching low-power idle in time during connected standby.',
    nextSteps: [
      ANALYZE,
      { command: '!poaction', why: 'The power action in progress.' },
      { command: '!fxdevice', why: 'Power framework devices and which ones are still active.' },
    ],
  },
  0x1aa: {
    causes: 'Exception dispatch found the stack pointer outside the thread\'s stack: kernel stack overflow or a corrupted stack pointer.',
    nextSteps: [
      { command: 'kf', why: 'Stack use per frame, to find deep recursion or large frames.' },
      { command: '!thread', why: 'Stack base and limit of the current thread.' },
      ANALYZE,
    ],
  },
  0x1ca: {
    causes: 'The system made no progress for too long: in virtual machines a stalled or overloaded host, otherwise firmware or a processor stuck with interrupts off.',
    nextSteps: [ANALYZE, { command: '!running -it', why: 'What each processor was running.' }, MACHINE_ID],
  },
  0x1d8: {
    causes: 'The USB Type-C controller firmware (embedded controller/BIOS) failing or timing out on UCSI commands.',
    nextSteps: [
      ANALYZE,
      { command: '!rcdrkd.rcdrlogdump UcmUcsiCx', why: 'The in-flight recorder log of the UCSI class extension shows the failing command.' },
      MACHINE_ID,
    ],
  },
};
