/**
 * Classes of bug checks and status codes the verdict reasons with: which stop
 * codes report corrupted memory (their stacks show victims), which are Driver
 * Verifier catching a driver in the act, which are raised on purpose, which the
 * hardware raises, and which NTSTATUS values mean a failed disk read or a failed
 * image signature.
 *
 * Sources (retrieved 2026-11):
 * - Bug check code reference, one page per code:
 *   https://learn.microsoft.com/windows-hardware/drivers/debugger/bug-check-code-reference2
 *   (0x19 BAD_POOL_HEADER, 0xC2 BAD_POOL_CALLER, 0x139 KERNEL_SECURITY_CHECK_FAILURE…:
 *   "the pool is already corrupted at the time of the current request";
 *   0xC4/0xC9/0xD6…: "Driver Verifier detected…"; 0xE2 MANUALLY_INITIATED_CRASH,
 *   0x80 NMI_HARDWARE_FAILURE, 0x161 LIVE_SYSTEM_DUMP, 0x1C8
 *   MANUALLY_INITIATED_POWER_BUTTON_HOLD; 0x124 WHEA_UNCORRECTABLE_ERROR, 0x9C
 *   MACHINE_CHECK_EXCEPTION, 0x127 PAGE_NOT_ZERO).
 * - NTSTATUS values: ntstatus.h (mingw-w64 copy), and the 0x7A/0xF4 pages, which
 *   name STATUS_DEVICE_DATA_ERROR, STATUS_DEVICE_NOT_CONNECTED and others as
 *   disk or cabling failures.
 */

/**
 * Bug checks whose stacks show victims of earlier corruption rather than culprits.
 * BAD_POOL_CALLER (0xC2) is not one: "the current thread is making a bad pool
 * request" — the caller is caught in the act (a double free, a bad IRQL).
 */
export const CORRUPTION_CODES: ReadonlySet<number> = new Set([0x19, 0x1a, 0x4e, 0xc1, 0xc5, 0x13a, 0x139, 0x12b, 0x1d5, 0x1ca]);

/** Driver Verifier detections: the driver is caught in the act. */
export const VERIFIER_CODES: ReadonlySet<number> = new Set([0xc4, 0xc9, 0xc6, 0xd6, 0xe6, 0x1c4, 0xc1, 0xd5, 0xcb, 0xce]);

/** Codes that mean the machine was crashed on purpose. */
export const MANUAL_CODES: ReadonlySet<number> = new Set([0xe2, 0x80, 0xdeaddead, 0x161, 0x1c8]);

/** Hardware-reported codes. */
export const HARDWARE_CODES: ReadonlySet<number> = new Set([0x124, 0x9c, 0x12b, 0x127]);

/** NTSTATUS codes of failed disk or paging I/O. */
export const IN_PAGE_STATUSES: ReadonlySet<number> = new Set([0xc0000006, 0xc000009c, 0xc000009d, 0xc0000185, 0xc000000e, 0xc0000483, 0xc000016a, 0xc0000102]);

/** Bug checks where an in-page status in an argument means the disk read failed. */
export const IN_PAGE_CODES: ReadonlySet<number> = new Set([0x7a, 0x77, 0xf4, 0x7b, 0xed, 0xef, 0x1e, 0x8e, 0x50]);

/**
 * Bug checks that mean the operating system's own files or registry are
 * damaged: BAD_SYSTEM_CONFIG_INFO (0x74, a corrupt registry hive), REGISTRY_ERROR
 * (0x51), and the Windows subsystem dying at start (0xC000021A, usually damaged
 * or mismatched system files). Source: the bug check reference pages of each.
 */
export const OS_CORRUPTION_CODES: ReadonlySet<number> = new Set([0x74, 0x51, 0xc000021a]);

/** Code-integrity failures: the image's signature or hash did not verify. */
export const IMAGE_HASH_STATUSES: ReadonlySet<number> = new Set([0xc0000428, 0xc0000603, 0xc0000602]);

/**
 * Bug checks raised for a kernel-mode driver's mistake: the reference pages say
 * a driver did it (DRIVER_IRQL_NOT_LESS_OR_EQUAL, WDF_VIOLATION, BUGCODE_NDIS_DRIVER,
 * BUGCODE_USB_DRIVER, DRIVER_POWER_STATE_FAILURE, DPC_WATCHDOG_VIOLATION, the
 * Driver Verifier codes, a driver unloading with work pending…) or that the
 * faulting kernel-mode code is usually a driver's (the exceptions 0x1E, 0x7E,
 * 0x8E, 0x3B; 0xA and 0x50 on a bad address; 0x7F's double fault of an
 * overflowing driver stack; a write to read-only memory 0xBE, execution of
 * non-executable memory 0xFC, a bad handle closed 0x93, locked pages left by a
 * driver 0x76, special-pool and MmPool errors 0xCC/0xD0), and the display
 * driver's own failures (0xEA thread stuck in a device driver, 0x116/0x117
 * TDR, 0x10E/0x119 video memory and scheduler). When nothing in the session names the module, the
 * cause is still a driver fault, not "unknown"; a hardware record or a disk error
 * found in the session overrides it.
 */
export const DRIVER_CODES: ReadonlySet<number> = new Set([
  0x0a, 0x18, 0x1e, 0x20, 0x39, 0x3b, 0x44, 0x4a, 0x50, 0x76, 0x7c, 0x7e, 0x7f, 0x8e, 0x93, 0x9f, 0xbe, 0xc2, 0xc4, 0xc6,
  0xc7, 0xc9, 0xca, 0xcb, 0xcc, 0xce, 0xd0, 0xd1, 0xd3, 0xd4, 0xd5, 0xd6, 0xd8, 0xe3, 0xe6, 0xea, 0xfc, 0xfe, 0x10d,
  0x10e, 0x116, 0x117, 0x119, 0x133, 0x1000007e, 0x1000008e,
  // DRIVER_OVERRAN_STACK_BUFFER ("a driver has overrun a stack-based buffer"), PAGE_FAULT_BEYOND_END_OF_ALLOCATION
  // (a driver read past its own special-pool block), and the 0x1000000A / 0x1000007F forms of 0xA and 0x7F.
  0xf7, 0xcd, 0x1000000a, 0x1000007f,
]);

/**
 * What a bug check usually means when nothing in the session names a driver, for the
 * codes whose reference page names a cause other than a driver's code:
 * - 0xA5 ACPI_BIOS_ERROR: the firmware's ACPI tables break the specification — a BIOS matter;
 * - 0x5C HAL_INITIALIZATION_FAILED: the HAL could not start on the platform the firmware describes;
 * - 0xA0 INTERNAL_POWER_ERROR: the power manager failed; with no driver in the power path, the
 *   firmware's power support or the hibernation file;
 * - 0x109 CRITICAL_STRUCTURE_CORRUPTION: kernel code or data changed; when no driver that
 *   patches the kernel is in sight, the remaining cause the page gives is failing memory;
 * - 0x20001 HYPERVISOR_ERROR: the hypervisor itself failed — the processor's virtualization
 *   support, its firmware or its settings (overclocking);
 * - 0xEF CRITICAL_PROCESS_DIED: a process Windows cannot run without died — damaged system
 *   files are the usual cause when no disk error is shown (`sfc /scannow`, DISM);
 * - 0xF4 CRITICAL_OBJECT_TERMINATION: a critical process or thread ended, most often because
 *   its code could not be read back from a failing disk;
 * - 0x14F PDC_WATCHDOG_TIMEOUT: a component did not answer the power manager in time — a hang.
 * Source: the reference page of each code,
 * https://learn.microsoft.com/windows-hardware/drivers/debugger/bug-check-code-reference2
 */
export const USUAL_CAUSES: ReadonlyMap<number, { category: 'hardware' | 'os-corruption' | 'disk-io' | 'hang-deadlock'; why: string }> = new Map([
  [0xa5, { category: 'hardware', why: "the firmware's ACPI tables (update the BIOS or UEFI)" }],
  [0x5c, { category: 'hardware', why: 'a platform the hardware abstraction layer cannot start on: the firmware describes it wrongly (update or reset the BIOS)' }],
  [0xa0, { category: 'hardware', why: "the firmware's power support or the hibernation file" }],
  [0x109, { category: 'hardware', why: 'failing memory, once no driver that patches the kernel is in sight (test the RAM)' }],
  [0x20001, { category: 'hardware', why: "the processor's virtualization support, its firmware or its settings" }],
  [0xef, { category: 'os-corruption', why: 'damaged system files (sfc /scannow, DISM) or a disk that cannot read them back' }],
  [0xf4, { category: 'disk-io', why: 'a disk that could not read back the code of a critical process (check the disk and its cabling)' }],
  [0x14f, { category: 'hang-deadlock', why: 'a component that did not answer the power manager in time' }],
] as const);

/**
 * Bug checks that report a lock left held or taken in a deadlocking order: a
 * thread exiting while it owns a mutex (0x39 SYSTEM_EXIT_OWNED_MUTEX), a lock
 * entry leaked at thread termination (0x153), a thread exiting with the I/O
 * priority boost its lock ownership gave it (0x13C INVALID_IO_BOOST_STATE).
 * The driver that took the lock is the culprit, the failure is a deadlock in
 * waiting. Driver Verifier's deadlock detection reports as 0xC4 with Arg1
 * 0x1000 (self-deadlock) or 0x1001 (lock-order deadlock): DEADLOCK_SUBCODES.
 * Source: the reference page of each code, and "Deadlock Detection" in the
 * Driver Verifier documentation
 * (https://learn.microsoft.com/windows-hardware/drivers/devtest/deadlock-detection).
 */
export const LOCK_CODES: ReadonlySet<number> = new Set([0x39, 0x153, 0x13c]);
export const DEADLOCK_SUBCODES: ReadonlySet<number> = new Set([0x1000, 0x1001]);
