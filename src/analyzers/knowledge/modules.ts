/**
 * Module knowledge: canonical names, Microsoft vs third-party, vendor and
 * product of known third-party drivers, and which Microsoft modules are
 * "plumbing" where crashes land rather than where they start.
 *
 * Sources:
 * - Microsoft kernel modules: data/ms-modules.ts, generated from ms-modules.txt and
 *   ms-modules.provenance.tsv (Windows 7 System32\drivers inventory in
 *   github.com/tq5124/autorunForWindow; company "Microsoft" rows of
 *   windows-driver-docs ifs/allocated-altitudes.md; windows-driver-docs pages; see SOURCES.md);
 * - third-party drivers: data/drivers-3p.ts, generated from drivers-3p.tsv (altitude list,
 *   driver inventories, vendor issue trackers; the source of each row is kept);
 * - WINDOWS_KERNEL_EXTRA and WINDOWS_USER_MODE below: a hand-picked list of well-known
 *   Windows images missing from those tables (kernel debugger transports, the
 *   hypervisor/storage/network stacks of current Windows, and user-mode system DLLs and
 *   processes), chosen by us; source tag "WINDOWS-IMAGE".
 * Reference: https://learn.microsoft.com/en-us/windows-hardware/drivers/debugger/lm--list-loaded-modules-
 *
 * Lookups never guess: a name in neither table is 'unknown', even when it looks
 * like a known one (cfosspeed is listed, cfosspeed6 is not).
 */
import { CURATED_DRIVERS } from './drivers-curated';
import type { ModuleOrigin } from '../types';
import { DRIVERS_TABLE, MINIFILTER_GROUPS, MINIFILTER_TABLE } from './data/drivers-3p';
import { MS_MODULES_TABLE } from './data/ms-modules';

/** Debugger names of the kernel image (`lm` shows `nt`; files are ntoskrnl.exe, ntkrnlmp.exe, …). */
const KERNEL_ALIASES = new Set(['ntoskrnl', 'ntkrnlmp', 'ntkrnlpa', 'ntkrpamp', 'ntkrla57']);

/** HAL image names (`lm` shows `hal`). */
const HAL_ALIASES = new Set(['halacpi', 'halmacpi', 'halaacpi', 'halapic', 'halmps', 'halsp', 'halx86']);

/** Windows kernel-mode images not in ms-modules.txt (source tag WINDOWS-IMAGE). */
const WINDOWS_KERNEL_EXTRA = [
  'refs', 'refsv1', 'exfat', 'udfs', 'scsiport', 'pshed', 'kdcom', 'kdnet', 'kd', 'bootvid', 'clipsp', 'ci',
  'mcupdate_genuineintel', 'mcupdate_authenticamd', 'ndisimplatform', 'vmswitch', 'srv2', 'srvnet',
  'mrxsmb10', 'mrxsmb20', 'bowser', 'netadaptercx', 'wdiwifi', 'condrv', 'afunix', 'bam', 'ahcache',
  'mmcss', 'vid', 'winhv', 'winhvr', 'hvsocket', 'hvservice', 'storvsp', 'spaceport', 'volume', 'acpiex',
  'intelpep', 'tdi', 'cea', 'ntosext', 'tbs', 'tpm', 'cmimcext', 'crashdmp', 'dump_diskdump',
  'dump_storport', 'dump_stornvme', 'dump_storahci', 'dump_dumpfve', 'wmilib', 'basicrender', 'netvsc',
  'vmbkmcl', 'vmbkmclr', 'ndproxy', 'mslldp', 'netbios', 'wdnisdrv', 'wdboot', 'cimfs', 'msquic',
  'ndu', 'gpuenergydrv', 'acpitime', 'usbhub3', 'sgrmagent', 'msseccore', 'vwifimp', 'netio', 'nsiproxy',
  // Windows 10/11 inbox drivers (their timestamps are build hashes, not dates).
  'fs_rec', 'ndisvirtualbus', 'sleepstudyhelper', 'uefi', 'ucmcxucsinvppc', 'ucmucsicx', 'ucmucsiacpiclient', 'vmsproxy',
  'vmsproxyhnic', 'windowstrustedrt', 'windowstrustedrtproxy', 'wpprecorder', 'dam', 'dump_dumpstorport', 'kdnic', 'lxss',
  'lxcore', 'mcupdate', 'vfpext', 'vmbusr', 'vpcivsp', 'bindflt', 'wcifs', 'cldflt', 'storqosflt', 'wdfilter', 'mssecflt',
  'bfs', 'vmsvsf', 'vmsvsp', 'winnat', 'wfplwfs', 'iorate', 'npsvctrig', 'rspndr', 'lltdio', 'wcnfs', 'tcpipreg',
  'vwififlt', 'vwifibus', 'hidinterrupt', 'mshidkmdf', 'msgpioclx', 'storufs', 'watchdog', 'basicdisplay', 'filecrypt',
  'wof', 'csc', 'dfsc', 'ws2ifsl', 'peauth', 'luafv', 'fvevol', 'rdyboost', 'ksecpkg', 'hvservice', 'vmgid', 'vmbusproxy',
  'storvsc', 'vmstorfl', 'hyperkbd', 'hypervideo', 'synth3dvsc', 'gpuparavirt', 'tbs', 'wmiacpi', 'ufx01000', 'hidusb',
  'kbdhid', 'mouhid', 'hidi2c', 'spbcx', 'serial', 'serenum', 'wpdupfltr', 'umbus', 'umpass', 'wudfrd', 'wudfpf', 'rdpbus',
  'rdpdr', 'rdpvideominiport', 'terminpt', 'tsusbhub', 'vmswitch', 'vkrnlintvsc', 'vkrnlintvsp', 'ebpfcore', 'netebpfext',
  // Driver Verifier's extension (Windows 10+): the reporter of a violation, never its cause.
  'verifierext',
];

/** Windows user-mode system DLLs and processes (source tag WINDOWS-IMAGE). */
const WINDOWS_USER_MODE = [
  'ntdll', 'kernel32', 'kernelbase', 'kernel.appcore', 'rpcrt4', 'nsi', 'iphlpapi', 'ws2_32', 'mswsock',
  'dnsapi', 'advapi32', 'netlogon', 'msvcrt', 'ucrtbase', 'msvcp_win', 'clr', 'coreclr', 'mscorwks',
  'mscoree', 'mscoreei', 'clrjit', 'user32', 'gdi32', 'gdi32full', 'win32u', 'combase', 'ole32',
  'oleaut32', 'sechost', 'bcrypt', 'bcryptprimitives', 'crypt32', 'cryptbase', 'cryptsp', 'sspicli',
  'shell32', 'shlwapi', 'shcore', 'windows.storage', 'coremessaging', 'coreuicomponents', 'twinapi', 'twinapi.appcore', 'explorerframe', 'wow64', 'wow64win', 'wow64cpu', 'wintrust',
  'setupapi', 'cfgmgr32', 'powrprof', 'userenv', 'profapi', 'imm32', 'uxtheme', 'dwmapi', 'dxgi',
  'd3d9', 'd3d11', 'd3d12', 'winhttp', 'wininet', 'urlmon', 'netapi32', 'samcli', 'samlib', 'samsrv',
  'lsasrv', 'msv1_0', 'kerberos', 'schannel', 'secur32', 'wldap32', 'winsta', 'wtsapi32',
  'version', 'msasn1', 'clbcatq', 'comctl32', 'comdlg32', 'mpr', 'winmm', 'rpcss', 'services', 'lsass',
  'csrss', 'csrsrv', 'basesrv', 'winsrv', 'smss', 'wininit', 'winlogon', 'svchost', 'explorer', 'dwm',
  'conhost', 'vmms', 'vmwp', 'vmcompute', 'wmiprvse', 'taskhostw', 'spoolsv', 'dbghelp', 'dbgeng',
  'apphelp', 'ntmarta', 'authz', 'msctf', 'dhcpcsvc', 'winnsi', 'fwpuclnt', 'webio', 'sxs', 'clfsw32',
  // The .NET host and core library (Microsoft-signed, installed with the runtime): https://learn.microsoft.com/dotnet/core/tutorials/netcore-hosting
  'hostfxr', 'hostpolicy', 'dotnet', 'mscorlib', 'system.private.corelib',
  // Microsoft Visual C++ runtime redistributables (Microsoft-signed, shipped with applications).
  'msvcp140', 'msvcp140_1', 'msvcp140_2', 'vcruntime140', 'vcruntime140_1', 'concrt140', 'mfc140u',
  'msvcr100', 'msvcr110', 'msvcr120', 'msvcp100', 'msvcp110', 'msvcp120', 'vcomp140', 'msvcr71', 'msvcp71',
  'msvcr80', 'msvcp80', 'msvcr90', 'msvcp90', 'msvcr100_clr0400', 'vcruntime140d', 'ucrtbased', 'msvcp140d',
  // … and their debug builds (the heap checks of a debug build find corruption; they do not cause it).
  'vcruntime140_1d', 'msvcr80d', 'msvcp80d', 'msvcr90d', 'msvcp90d', 'msvcr100d', 'msvcp100d', 'msvcr110d', 'msvcp110d',
  'msvcr120d', 'msvcp120d',
  // Visual Studio's own native modules (Microsoft-signed; vslog detours every UI-thread wait to time it).
  'devenv', 'msenv', 'vslog',
  // Application Verifier: the reporter of a stop, never its cause.
  'verifier', 'vrfcore', 'vfbasics', 'vfcompat', 'vfluapriv', 'vfprint', 'vfnet', 'vfnws', 'vrfprovider', 'vfuprov',
];

/**
 * Microsoft's plumbing: the kernel and HAL, the layers that dispatch work to
 * other drivers (I/O, filter, network, storage, USB, WDF, kernel streaming,
 * graphics and bus frameworks) and the core user-mode DLLs every thread runs
 * through. Crashes and waits land in them without starting there, so they are
 * never blamed on being on a stack. Other Microsoft modules (tcpip, http,
 * clfs, ntfs, conhost…) own their code paths and can be at fault when nothing
 * else is in sight (see verdict/rules/microsoft-code-path.ts). Prefix families
 * are matched by FRAMEWORK_PREFIX.
 * Source: the driver stacks described in the Windows Driver Kit docs
 * (https://learn.microsoft.com/windows-hardware/drivers/gettingstarted/), our choice of layers.
 */
const FRAMEWORK = new Set([
  'nt', 'hal', 'ndis', 'fltmgr', 'netio', 'fwpkclnt', 'storport', 'ataport', 'scsiport', 'classpnp', 'disk',
  'partmgr', 'volmgr', 'volmgrx', 'mountmgr', 'ks', 'ksthunk', 'portcls', 'usbport', 'usbccgp', 'ucx01000',
  'wdf01000', 'wdfldr', 'dxgkrnl', 'cng', 'ksecdd', 'ci', 'acpi', 'pci', 'fileinfo', 'mup', 'hidclass',
  'kbdclass', 'mouclass', 'pdc', 'pshed', 'wmilib', 'tdx', 'tdi', 'ntosext', 'werkernel', 'msrpc', 'intelppm', 'amdppm',
  'ntdll', 'kernel32', 'kernelbase', 'kernel.appcore', 'rpcrt4', 'ole32', 'combase', 'user32', 'gdi32',
  'gdi32full', 'win32u', 'sechost', 'msvcrt', 'ucrtbase', 'msvcp_win', 'ws2_32', 'mswsock', 'nsi', 'iphlpapi',
  'advapi32', 'wow64', 'wow64win', 'wow64cpu', 'oleaut32', 'shlwapi', 'shcore', 'bcrypt', 'bcryptprimitives',
  'cryptbase', 'sspicli', 'msvcp140', 'vcruntime140', 'vcruntime140_1', 'msvcr71', 'msvcr80', 'msvcr90',
  'msvcr100', 'msvcr110', 'msvcr120', 'msvcp100', 'msvcp110', 'msvcp120', 'msvcp140_1', 'msvcp140_2',
  'verifier', 'vrfcore', 'vfbasics', 'vfcompat', 'vfluapriv', 'vfprint', 'vfnet', 'vfnws', 'vrfprovider', 'vfuprov',
  'verifierext', 'ucrtbased', 'vcruntime140d', 'vcruntime140_1d', 'msvcp140d', 'msvcr80d', 'msvcp80d', 'msvcr90d', 'msvcp90d',
  'msvcr100d', 'msvcp100d', 'msvcr110d', 'msvcp110d', 'msvcr120d', 'msvcp120d',
  // Visual Studio's wait detours: every wait of its UI thread passes through them.
  'vslog',
]);

/** win32k, win32kbase, win32kfull; usbhub, usbhub3; dxgmms1, dxgmms2. Anchored, no repetition. */
const FRAMEWORK_PREFIX = /^(?:win32k|usbhub|dxgmms)[0-9a-z]{0,4}$/;

/** Known third-party driver. */
export interface DriverInfo {
  vendor: string;
  product?: string;
  category?: string;
  /** Source key(s) of the row (see the generated table's header). */
  source?: string;
}

/** Origin and vendor row of a lookup key (shared: do not modify). */
export interface KeyFacts {
  origin: ModuleOrigin;
  info: DriverInfo | undefined;
}

const UNKNOWN_FACTS: KeyFacts = { origin: 'unknown', info: undefined };

interface Tables {
  /** Every listed key with its facts, Microsoft first, then third-party rows, then curated ones. */
  known: ReadonlyMap<string, KeyFacts>;
  /** Third-party rows whose base name holds `?` wildcards (pfmfs_???). */
  thirdPartyPatterns: readonly (readonly [RegExp, KeyFacts])[];
}

let tables: Tables | undefined;

function load(): Tables {
  if (tables) {
    return tables;
  }
  const microsoft = new Map<string, string>();
  for (const line of MS_MODULES_TABLE.split('\n')) {
    const tab = line.indexOf('\t');
    microsoft.set(line.slice(0, tab), line.slice(tab + 1));
  }
  const thirdParty = new Map<string, DriverInfo>();
  const thirdPartyPatterns: [RegExp, DriverInfo][] = [];
  const add = (base: string, info: DriverInfo): void => {
    if (base.includes('?')) {
      // "pfmfs_???": each '?' stands for one character; the rest is literal.
      const re = new RegExp(`^${base.replace(/[.$]/g, '\\$&').replace(/\?/g, '.')}$`);
      thirdPartyPatterns.push([re, info]);
    } else {
      thirdParty.set(base, info);
    }
  };
  for (const line of MINIFILTER_TABLE.split('\n')) {
    const [base = '', vendor = '', letters = ''] = line.split('\t');
    const groups = [...letters].map((c) => MINIFILTER_GROUPS[c.charCodeAt(0) - 97] ?? '?').join('; ');
    add(base, {
      vendor: vendor === '' ? 'unnamed company' : vendor,
      category: `file system minifilter (${groups})`,
      source: 'ALT',
    });
  }
  for (const line of DRIVERS_TABLE.split('\n')) {
    const [base = '', vendor = '', product = '', source = ''] = line.split('\t');
    add(base, { vendor, ...(product ? { product } : {}), ...(source ? { source } : {}) });
  }
  // The hand-picked names never override a table row: a name the third-party
  // table lists (such as a minifilter that shares a DLL's name) stays third-party.
  for (const n of [...WINDOWS_KERNEL_EXTRA, ...WINDOWS_USER_MODE]) {
    if (!microsoft.has(n) && !thirdParty.has(n)) {
      microsoft.set(n, 'WINDOWS-IMAGE');
    }
  }
  // One map answers every lookup, in the order of precedence: a Microsoft
  // name, else a third-party row, else a curated one.
  const known = new Map<string, KeyFacts>();
  for (const [key, c] of Object.entries(CURATED_DRIVERS)) {
    known.set(spellingKey(key), { origin: 'third-party', info: { vendor: c.vendor, product: c.product, source: c.source } });
  }
  for (const [key, info] of thirdParty) {
    known.set(spellingKey(key), { origin: 'third-party', info });
  }
  for (const [key, source] of microsoft) {
    known.set(spellingKey(key), { origin: 'microsoft', info: { vendor: 'Microsoft', category: 'Windows component', source } });
  }
  tables = {
    known,
    thirdPartyPatterns: thirdPartyPatterns.map(([re, info]) => [re, { origin: 'third-party', info }] as const),
  };
  return tables;
}

/**
 * The key used for every module lookup: lower case, without a path, a
 * `!symbol`/`+offset` suffix or a `.sys/.dll/.exe/.drv` extension; kernel image
 * names become `nt` and HAL image names `hal`.
 * `\SystemRoot\system32\drivers\Ntfs.sys` → `ntfs`, `NTKRNLMP.EXE` → `nt`, `nt!KeBugCheckEx` → `nt`.
 */
export function canonicalModuleName(name: string): string {
  // A bare name (the usual case) needs only lower case and the aliases,
  // cheaper than a look into the memo of every name seen.
  return SIMPLE_NAME.test(name) ? aliasOf(name.toLowerCase()) : moduleFacts(name).key;
}

/** Plain names: letters, digits, `$` and single underscores not followed by a hex load address. */
const SIMPLE_NAME = /^(?![^_]*_[0-9a-fA-F]{8}(?:[0-9a-fA-F]{8})?$)(?!.*_wrong_symbols$)[A-Za-z0-9_$]+$/i;

/**
 * WinDbg writes `foo-bar.sys` as `foo_bar` and `a.b.exe` as `a_b` in symbols and
 * buckets: keys use underscores for both, so the two spellings meet.
 */
function spellingKey(n: string): string {
  return n.includes('-') || n.includes('.') ? n.replace(/[-.]/g, '_') : n;
}

function aliasOf(n: string): string {
  if (KERNEL_ALIASES.has(n)) {
    return 'nt';
  }
  return HAL_ALIASES.has(n) ? 'hal' : n;
}

/** What the tables say about one module name: its lookup key, origin and vendor row. */
export interface ModuleFacts {
  key: string;
  origin: ModuleOrigin;
  info: DriverInfo | undefined;
}

// Every frame and every `lm` row asks about its module, and a big session
// names the same modules again and again (an unknown name also scans the
// wildcard patterns): the answer is memoized per name as printed. The lookup
// is pure; the memo is cleared when it reaches MEMO_LIMIT entries.
const MEMO_LIMIT = 250_000;
const factsMemo = new Map<string, ModuleFacts>();

/** Key, origin and vendor row of a module name (memoized; do not modify the result). */
export function moduleFacts(name: string): ModuleFacts {
  let facts = factsMemo.get(name);
  if (facts === undefined) {
    const key = canonicalOf(name);
    const { origin, info } = keyFacts(key);
    facts = { key, origin, info };
    if (factsMemo.size >= MEMO_LIMIT) {
      factsMemo.clear();
    }
    factsMemo.set(name, facts);
  }
  return facts;
}

function canonicalOf(name: string): string {
  let n = name.trim();
  const slash = Math.max(n.lastIndexOf('\\'), n.lastIndexOf('/'));
  if (slash >= 0) {
    n = n.slice(slash + 1);
  }
  const cut = n.search(/[!+]/);
  if (cut >= 0) {
    n = n.slice(0, cut);
  }
  // "ntdll_771d0000", "nt_8264a000": the debugger names a module without symbols by name and load address.
  // The other executable image kinds go by their base name too: VirtualBox's ring-0 modules (VMMR0.r0), ActiveX
  // controls (.ocx), Control Panel items (.cpl), DirectShow filters (.ax), codecs (.acm), input methods (.ime), UEFI images.
  n = n
    .toLowerCase()
    .replace(/\.(?:sys|dll|exe|drv|r0|ocx|cpl|ax|acm|ime|efi)$/, '')
    .replace(/_(?:[0-9a-f]{8}|[0-9a-f]{16})$/, '')
    // "nt_wrong_symbols", "ntoskrnl.wrong.symbols": the debugger's name for a module whose symbols do not match it.
    .replace(/[._]wrong[._]symbols$/, '');
  return aliasOf(spellingKey(n));
}

/** Facts of a lookup key (shared: do not modify). */
function keyFacts(key: string): KeyFacts {
  if (key === '') {
    return UNKNOWN_FACTS;
  }
  const t = load();
  return (
    t.known.get(key) ??
    t.thirdPartyPatterns.find(([re]) => re.test(key))?.[1] ??
    (WINRT_COMPONENT.test(key) ? WINRT_FACTS : NGEN_FRAMEWORK.test(key) ? NGEN_FACTS : UNKNOWN_FACTS)
  );
}

/**
 * `mscorlib_ni`, `System_Core_ni`, `PresentationFramework_ni`: the native images NGen compiles from the
 * .NET Framework's own assemblies (`<assembly>.ni.dll` in the native image cache) are that framework's code.
 * Source: https://learn.microsoft.com/dotnet/framework/tools/ngen-exe-native-image-generator
 */
const NGEN_FRAMEWORK = /^(?:mscorlib|system|microsoft|windowsbase|presentationcore|presentationframework|netstandard)(?:_[a-z0-9]+)*_ni$/;
const NGEN_FACTS: KeyFacts = { origin: 'microsoft', info: { vendor: 'Microsoft', category: '.NET Framework native image', source: 'NGEN' } };

/**
 * `Windows.UI.FileExplorer.dll`, `Windows.Storage.Search.dll` (spelled `Windows_UI_FileExplorer` in
 * symbols): the Windows Runtime's "Windows." namespace is the operating system's own, and its
 * components ship with Windows in System32.
 * Source: https://learn.microsoft.com/uwp/api/ (the Windows.* namespaces of the Windows Runtime API).
 */
const WINRT_COMPONENT = /^windows_[a-z]/;
const WINRT_FACTS: KeyFacts = { origin: 'microsoft', info: { vendor: 'Microsoft', category: 'Windows Runtime component', source: 'WINRT' } };

/**
 * Origin and vendor row of a module name, without the memo: for a list such
 * as `lm` whose names are each seen once (100,000 of them would crowd out the
 * memo that the frames' few names use). Shared: do not modify.
 */
export function nameFacts(name: string): KeyFacts {
  return SIMPLE_NAME.test(name) ? keyFacts(aliasOf(name.toLowerCase())) : moduleFacts(name);
}

/** 'microsoft', 'third-party' (listed with a vendor), or 'unknown' (in neither table). */
export function classifyModule(name: string): ModuleOrigin {
  return moduleFacts(name).origin;
}

/** True for a module the tables list as Microsoft's (`NDIS`, `FLTMGR`, `ntdll`, `ntkrnlmp.exe`). */
export function isMicrosoftModule(name: string): boolean {
  return classifyModule(name) === 'microsoft';
}

/**
 * Vendor and product/category of a module: the table row for a third-party
 * driver, `{ vendor: 'Microsoft', category: 'Windows component', source }` for
 * a Microsoft module, undefined when unknown.
 */
export function describeDriver(name: string): DriverInfo | undefined {
  const info = moduleFacts(name).info;
  return info ? { ...info } : undefined;
}

let productWords: Map<string, string> | undefined;

/**
 * The third-party driver a product's own name stands for, when the table's
 * product text holds that name and the driver's base name starts with it:
 * "Npcap" → npcap, "WinDivert" → windivert64, "Btrfs" → btrfs. Undefined for
 * any other word (the minifilter rows have no product text, so common words
 * that happen to be base names, such as "block", never match).
 */
export function driverForProductName(word: string): string | undefined {
  if (productWords === undefined) {
    productWords = new Map();
    for (const line of DRIVERS_TABLE.split('\n')) {
      const [base = '', , product = ''] = line.split('\t');
      for (const w of product.split(/[^A-Za-z0-9]+/)) {
        const key = w.toLowerCase();
        if (key.length >= 4 && base.startsWith(key) && !productWords.has(key)) {
          productWords.set(key, base);
        }
      }
    }
  }
  return productWords.get(word.toLowerCase());
}

/**
 * Debugger extensions and the debuggers' own images: named in every session
 * that loads them (`.loadby sos clr`, `!wdfkd.…`), never the code at fault.
 * Source: https://learn.microsoft.com/windows-hardware/drivers/debugger/debugger-extension-dlls
 */
const DEBUGGER_IMAGES = new Set(['sos', 'sosex', 'psscor2', 'psscor4', 'mex', 'netext', 'wdfkd', 'kdexts', 'kext', 'ext', 'exts', 'uext', 'ntsdexts', 'dbghelp', 'dbgeng', 'dbgcore', 'windbg', 'cdb', 'kd', 'ntsd', 'dbgmodel', 'jsprovider', 'wow64exts', 'ndiskd', 'fltkd', 'rcdrkd', 'usbkd', 'storkd', 'wmitrace', 'mscordacwks', 'mscordaccore']);

/** Is this a debugger's own image or extension (never a suspect in the session it analyses)? */
export function isDebuggerImage(name: string): boolean {
  return DEBUGGER_IMAGES.has(canonicalModuleName(name));
}

/** Words that stand for "some driver" in instructions and templates (`!drvobj drivername`, `yourdriver.sys`). */
const PLACEHOLDER_NAMES = new Set(['drivername', 'yourdriver', 'mydriver', 'driver', 'foo', 'bar', 'xxx', 'xxxx', 'name', 'filename', 'modulename', 'example', 'sample', 'test']);

/** Is this a placeholder name rather than a real module? */
export function isPlaceholderName(name: string): boolean {
  return PLACEHOLDER_NAMES.has(canonicalModuleName(name));
}

/**
 * A failure-bucket word written like a call site ("BREAKPOINT_80000003_win32u", "AV_acme",
 * "ntdll_771d0000"'s address suffix): upper-case classification words or an 8-digit address part.
 */
export function looksLikeBucketWord(name: string): boolean {
  return /^[A-Z0-9]{2,}_|_[0-9a-f]{8}(?:_|$)/.test(name);
}

/** True for Windows' user-mode images (DLLs and processes), as opposed to its kernel-mode drivers. */
export function isWindowsUserModeImage(name: string): boolean {
  return USER_MODE_IMAGES.has(canonicalModuleName(name));
}

const USER_MODE_IMAGES: ReadonlySet<string> = new Set(WINDOWS_USER_MODE);

/**
 * Words the debugger writes where a module name goes when it cannot name one:
 * failure-bucket classifications (`memory_corruption`, `hardware_ram`,
 * `Unknown_Image`), never modules to suspect.
 * Source: WinDbg !analyze output (MODULE_NAME / IMAGE_NAME / FAILURE_BUCKET_ID conventions).
 */
const PSEUDO_MODULES = new Set([
  'memory_corruption', 'pool_corruption', 'heap_corruption', 'code_corruption', 'stack_corruption', 'large_corruption',
  'unknown_image', 'unknown_module', 'unknown', 'hardware', 'hardware_ram', 'hardware_disk', 'hardware_cpu',
  'hardware_gpu', 'hardware_disk_hardware_error', 'memory', 'image', 'machineowner', 'nt_dpc_ticks', 'unknown_function',
  'corrupt_module', 'corrupt_modulelist', 'invalid_pointer', 'null_ptr', 'driver_fault', 'disk_hardware_error',
]);

/** True for a word the debugger uses in place of a module name (`memory_corruption`, `Unknown_Image`). */
export function isPseudoModule(name: string): boolean {
  return PSEUDO_MODULES.has(canonicalModuleName(name));
}

/** True for drivers whose job is to crash the machine on request (NotMyFault's myfault.sys). */
export function isCrashToolModule(name: string): boolean {
  const key = canonicalModuleName(name);
  return Object.prototype.hasOwnProperty.call(CURATED_DRIVERS, key) && CURATED_DRIVERS[key]?.crashTool === true;
}

/**
 * True for Microsoft plumbing modules (kernel, HAL, NDIS, filter manager,
 * file-system filter and network dispatch, storage/USB/graphics frameworks, WDF, core user-mode DLLs) that
 * appear on most stacks: a crash inside them usually starts in a caller.
 */
/**
 * Application Verifier's and Driver Verifier's own images: they find a bug in the
 * code they check and report it, so the module below them on a stack is the one checked.
 * Source: https://learn.microsoft.com/windows-hardware/drivers/devtest/driver-verifier,
 * https://learn.microsoft.com/windows-hardware/drivers/devtest/application-verifier
 */
const VERIFIER_IMAGES = new Set(['verifier', 'verifierext', 'vrfcore', 'vfbasics', 'vfcompat', 'vfluapriv', 'vfprint', 'vfnet', 'vfnws', 'vrfprovider', 'vfuprov']);

/** Is this one of the verifiers' own images (a reporter, never the cause)? */
export function isVerifierImage(name: string): boolean {
  return VERIFIER_IMAGES.has(canonicalModuleName(name));
}

export function isFrameworkModule(name: string): boolean {
  const key = canonicalModuleName(name);
  return FRAMEWORK.has(key) || (FRAMEWORK_PREFIX.test(key) && load().known.get(key)?.origin === 'microsoft');
}
