import { describe, expect, it } from 'vitest';
import { MANAGED_FRAMEWORK } from '../../../src/analyzers/knowledge/frames';
import {
  canonicalModuleName,
  classifyModule,
  describeDriver,
  driverForProductName,
  isCrashToolModule,
  isFrameworkModule,
  isMicrosoftModule,
  moduleFacts,
  nameFacts,
} from '../../../src/analyzers/knowledge/modules';

describe('canonicalModuleName', () => {
  it('lower-cases and strips the extension', () => {
    expect(canonicalModuleName('Ntfs.sys')).toBe('ntfs');
    expect(canonicalModuleName('NDIS')).toBe('ndis');
    expect(canonicalModuleName('KERNELBASE.dll')).toBe('kernelbase');
    expect(canonicalModuleName('vmms.exe')).toBe('vmms');
  });

  it('strips the extensions of the other image kinds: ring-0 modules, ActiveX controls, Control Panel items, filters', () => {
    expect(canonicalModuleName('AcmeR0.r0')).toBe(canonicalModuleName('AcmeR0'));
    expect(canonicalModuleName('acmectl.ocx')).toBe('acmectl');
    expect(canonicalModuleName('acmepanel.cpl')).toBe('acmepanel');
    expect(canonicalModuleName('acmefilter.ax')).toBe('acmefilter');
    // A dotted assembly name keeps its parts.
    expect(canonicalModuleName('Acme.Core')).toBe(canonicalModuleName('Acme_Core'));
  });

  it('maps kernel and HAL image names to nt and hal', () => {
    expect(canonicalModuleName('ntkrnlmp.exe')).toBe('nt');
    expect(canonicalModuleName('NTOSKRNL')).toBe('nt');
    expect(canonicalModuleName('ntkrpamp')).toBe('nt');
    expect(canonicalModuleName('ntkrnlpa.exe')).toBe('nt');
    expect(canonicalModuleName('halmacpi.dll')).toBe('hal');
    expect(canonicalModuleName('halacpi')).toBe('hal');
  });

  it('drops a path and a symbol or offset suffix', () => {
    expect(canonicalModuleName('\\SystemRoot\\system32\\drivers\\ZTEusbnet.sys')).toBe('zteusbnet');
    expect(canonicalModuleName('nt!KeBugCheckEx')).toBe('nt');
    expect(canonicalModuleName('nvlddmkm+0x340827')).toBe('nvlddmkm');
  });

  it('spells dots and dashes as WinDbg does (foo-bar.sys is foo_bar), keeping names that are not extensions', () => {
    expect(canonicalModuleName('5nine.cbt')).toBe('5nine_cbt');
  });
});

describe('classifyModule', () => {
  it('classifies kernel plumbing as microsoft in any case', () => {
    for (const m of ['nt', 'ntkrnlmp.exe', 'hal', 'NDIS', 'FLTMGR', 'Ntfs', 'win32k', 'dxgmms1', 'storport', 'refs', 'netio']) {
      expect(classifyModule(m), m).toBe('microsoft');
    }
  });

  it('classifies user-mode system DLLs as microsoft', () => {
    for (const m of ['ntdll', 'kernel32', 'KERNELBASE', 'rpcrt4', 'nsi', 'iphlpapi', 'ws2_32', 'mswsock', 'dnsapi', 'advapi32', 'netlogon', 'msvcrt', 'ucrtbase', 'clr', 'coreclr', 'mscorwks', 'hostpolicy', 'hostfxr', 'System.Private.CoreLib']) {
      expect(classifyModule(m), m).toBe('microsoft');
    }
  });

  it("classifies the Windows Runtime's own components (Windows.*.dll, in either spelling) as microsoft, and nothing merely named windows", () => {
    for (const m of ['Windows_UI_FileExplorer', 'Windows.UI.FileExplorer.dll', 'windows.storage.search', 'CoreMessaging']) {
      expect(classifyModule(m), m).toBe('microsoft');
    }
    expect(classifyModule('windowsdriver')).toBe('unknown');
  });

  it("classifies NGen's native images of the .NET Framework's own assemblies and Visual Studio's native modules as microsoft", () => {
    for (const m of ['mscorlib_ni', 'System_ni', 'System_Core_ni', 'System.Core.ni.dll', 'PresentationFramework_ni', 'vslog', 'msenv', 'devenv']) {
      expect(classifyModule(m), m).toBe('microsoft');
    }
    for (const m of ['AcmeApp_ni', 'Systemic_ni', 'mscorlib_nix']) {
      expect(classifyModule(m), m).toBe('unknown');
    }
  });

  it("takes .NET's and WPF's own assemblies for the framework, not an application's namespace", () => {
    for (const m of ['System.Threading', 'Microsoft.VisualStudio.Threading', 'WindowsBase', 'PresentationFramework', 'mscorlib']) {
      expect(MANAGED_FRAMEWORK.test(m), m).toBe(true);
    }
    expect(MANAGED_FRAMEWORK.test('CodeConnect.Alive')).toBe(false);
    expect(MANAGED_FRAMEWORK.test('WindowsBaseExtras')).toBe(false);
  });

  it('maps a product name to its driver only when the table says so', () => {
    expect(driverForProductName('Npcap')).toBe('npcap');
    expect(driverForProductName('WinDivert')).toBe('windivert64');
    expect(driverForProductName('block')).toBeUndefined();
    expect(driverForProductName('driver')).toBeUndefined();
  });

  it('classifies listed third-party drivers with their vendor', () => {
    expect(classifyModule('nvlddmkm')).toBe('third-party');
    expect(describeDriver('nvlddmkm.sys')).toMatchObject({ vendor: 'NVIDIA', product: 'GPU display driver (kernel-mode)' });
    expect(describeDriver('VBoxNetFlt')?.vendor).toBe('VirtualBox');
    expect(describeDriver('tap0901')?.vendor).toBe('OpenVPN');
    expect(describeDriver('aswNdisFlt')?.vendor).toBe('Avast');
    expect(describeDriver('cfosspeed')?.vendor).toBe('cFos (cFosSpeed)');
  });

  it('classifies altitude-list minifilters with company and load order group', () => {
    expect(classifyModule('DKTLFSMF')).toBe('third-party');
    expect(describeDriver('dktlfsmf')).toEqual({
      vendor: 'Diskeeper Corporation',
      category: 'file system minifilter (FSFilter Activity Monitor)',
      source: 'ALT',
    });
  });

  it('matches a listed wildcard name and fills in a missing company', () => {
    expect(describeDriver('pfmfs_abc')?.vendor).toMatch(/Pismo/);
    expect(classifyModule('pfmfs_abcd')).toBe('unknown');
    expect(describeDriver('safe')?.vendor).toBe('unnamed company');
  });

  it('never guesses: names in neither table are unknown', () => {
    for (const m of ['fltdrv1', 'av', 'vicm', 'DRIVER_X', 'FooDRV', 'ABCMiniFilter', 'acmewidget', '', '   ']) {
      expect(classifyModule(m), m).toBe('unknown');
      expect(describeDriver(m), m).toBeUndefined();
    }
  });

  it('knows third-party drivers from the curated table, with their source', () => {
    expect(classifyModule('ZTEusbnet')).toBe('third-party');
    expect(describeDriver('cfosspeed6.sys')?.vendor).toMatch(/cFos/);
    expect(describeDriver('myfault')?.source).toMatch(/notmyfault/i);
    expect(isCrashToolModule('myfault.sys')).toBe(true);
    expect(isCrashToolModule('nvlddmkm')).toBe(false);
  });

  it('lets a third-party table row win over the hand-picked Windows names', () => {
    // The altitude list has a minifilter called ncrypt, the same base name as a Windows DLL.
    expect(describeDriver('ncrypt')?.vendor).toBe('Nimshi Corp');
  });

  it('agrees with isMicrosoftModule', () => {
    expect(isMicrosoftModule('FLTMGR')).toBe(true);
    expect(isMicrosoftModule('nvlddmkm')).toBe(false);
    expect(isMicrosoftModule('ZTEusbnet')).toBe(false);
  });

  it('describes Microsoft modules as Windows components with their source', () => {
    expect(describeDriver('acpi')).toEqual({ vendor: 'Microsoft', category: 'Windows component', source: 'DJS; DOCS-INBOX; DICT1-GENERIC; POOL*' });
    expect(describeDriver('ntdll')?.source).toBe('WINDOWS-IMAGE');
  });
});

describe('isFrameworkModule', () => {
  it('is true for the layers crashes land in', () => {
    for (const m of ['nt', 'ntkrnlmp', 'hal', 'ndis', 'FLTMGR', 'win32kfull', 'win32kbase', 'netio', 'storport', 'classpnp', 'usbhub3', 'Wdf01000', 'dxgmms2', 'ntdll', 'KERNELBASE', 'combase', 'amdppm']) {
      expect(isFrameworkModule(m), m).toBe(true);
    }
  });

  it('is false for drivers that cause crashes, Microsoft or not', () => {
    for (const m of ['nvlddmkm', 'ZTEusbnet', 'aswNdisFlt', 'cfosspeed6', 'tunnel', 'usbhubevil', 'win32kevil']) {
      expect(isFrameworkModule(m), m).toBe(false);
    }
  });

  it('leaves out Microsoft modules that own their code paths (they can be at fault)', () => {
    for (const m of ['Ntfs', 'tcpip', 'http', 'clfs', 'vmswitch', 'conhost', 'vmms', 'csrss', 'wininet', 'comctl32']) {
      expect(isFrameworkModule(m), m).toBe(false);
      expect(classifyModule(m), m).toBe('microsoft');
    }
  });

  it('only ever names Microsoft modules', () => {
    const names = ['nt', 'hal', 'ndis', 'fltmgr', 'netio', 'storport', 'ataport', 'scsiport', 'classpnp', 'disk', 'partmgr', 'volmgr', 'volmgrx', 'mountmgr', 'ks', 'portcls', 'usbport', 'usbccgp', 'ucx01000', 'wdf01000', 'wdfldr', 'dxgkrnl', 'cng', 'ksecdd', 'ci', 'acpi', 'pci', 'msrpc', 'fwpkclnt', 'fileinfo', 'mup', 'hidclass', 'kbdclass', 'mouclass', 'pdc', 'pshed', 'wmilib', 'tdx', 'intelppm', 'amdppm', 'ntdll', 'kernel32', 'kernelbase', 'rpcrt4', 'ole32', 'combase', 'user32', 'gdi32', 'gdi32full', 'win32u', 'sechost', 'msvcrt', 'ucrtbase', 'ws2_32', 'mswsock', 'nsi', 'iphlpapi', 'advapi32', 'win32k', 'usbhub', 'dxgmms1'];
    for (const m of names) {
      expect(isFrameworkModule(m), m).toBe(true);
      expect(classifyModule(m), m).toBe('microsoft');
    }
  });
});

describe('nameFacts', () => {
  it('answers like moduleFacts for bare names, file names, paths and symbols', () => {
    const names = [
      'nt', 'NTKRNLMP', 'ntkrnlmp.exe', 'halmacpi', 'Ntfs', 'NDIS', 'ZTEusbnet', 'ztEUSBNET.sys', 'myfault',
      'pfmfs_abc', 'pfmfs_ab', 'cfosspeed', 'cfosspeed6', 'drv0002', 'fabrikamflt', 'kernel32', 'KERNELBASE',
      'nt!KeBugCheckEx', '\\SystemRoot\\system32\\drivers\\Ntfs.sys', 'win32kfull', 'dump_storport.sys', '',
    ];
    for (const name of names) {
      const { origin, info } = moduleFacts(name);
      const got = nameFacts(name);
      expect({ origin: got.origin, info: got.info }, name).toEqual({ origin, info });
    }
  });
});
