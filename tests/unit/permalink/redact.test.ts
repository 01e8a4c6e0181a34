/**
 * Redaction: each kind of identifier, each toggle, what must never be
 * touched (debugger data), stable placeholders, idempotence, line structure,
 * and the verdict of every seed session surviving redaction.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { analyze } from '../../../src/analyzers/index';
import type { AnalysisReport } from '../../../src/analyzers/types';
import {
  previewRedaction,
  redact,
  REDACT_KINDS,
  type RedactKind,
  type RedactOptions,
} from '../../../src/permalink/redact';
import { SEEDS } from './seeds';

const r = (text: string, options: RedactOptions = {}) => redact(text, options).text;

describe('user names', () => {
  it('are replaced in Windows profile paths', () => {
    expect(r('Image path: \\??\\C:\\Users\\alice\\AppData\\Local\\Temp\\acmeflt.sys')).toBe(
      'Image path: \\??\\C:\\Users\\<USER1>\\AppData\\Local\\Temp\\acmeflt.sys',
    );
    expect(r('C:/Users/alice/Downloads/x.dmp')).toBe('C:/Users/<USER1>/Downloads/x.dmp');
    expect(r('C:\\Documents and Settings\\bob\\Local Settings\\Temp\\x.sys')).toBe(
      'C:\\Documents and Settings\\<USER1>\\Local Settings\\Temp\\x.sys',
    );
  });

  it('keep spaces inside a name followed by a folder, in quotes or in an environment value', () => {
    expect(r('"C:\\Users\\John Smith\\AppData\\x.dll"')).toBe('"C:\\Users\\<USER1>\\AppData\\x.dll"');
    expect(r("CommandLine:  'C:\\Users\\John Smith'")).toBe("CommandLine:  'C:\\Users\\<USER1>'");
    expect(r('        USERPROFILE=C:\\Users\\John Smith')).toBe('        USERPROFILE=C:\\Users\\<USER1>');
    // In prose, an unterminated path ends at the first space.
    expect(r('I opened C:\\Users\\alice and saw it')).toBe('I opened C:\\Users\\<USER1> and saw it');
  });

  it('leave the profiles that name nobody', () => {
    const text = 'C:\\Users\\Public\\Documents\nC:\\Users\\Default\\NTUSER.DAT\nC:\\Documents and Settings\\All Users\\x\nC:\\Users\\%USERNAME%\\x';
    expect(r(text)).toBe(text);
  });

  it('are replaced in /home paths, USERNAME= and User Name:', () => {
    expect(r('symbols in /home/carol/sym')).toBe('symbols in /home/<USER1>/sym');
    expect(r('        USERNAME=alice')).toBe('        USERNAME=<USER1>');
    expect(r('User Name: alice')).toBe('User Name: <USER1>');
  });

  it('and the domain are replaced in DOMAIN\\user after a label, built-in domains kept', () => {
    expect(r(' User: S-1-5-18 (Well Known Group: NT AUTHORITY\\SYSTEM)')).toBe(' User: S-1-5-18 (Well Known Group: NT AUTHORITY\\SYSTEM)');
    expect(r(' 00 S-1-5-32-544 (Alias: BUILTIN\\Administrators)')).toBe(' 00 S-1-5-32-544 (Alias: BUILTIN\\Administrators)');
    expect(r('(User: CORP\\dave)')).toBe('(User: <HOST1>\\<USER1>)');
    // A group's name is not personal; its domain is.
    expect(r('(Group: CORP\\Domain Users)')).toBe('(Group: <HOST1>\\Domain Users)');
  });
});

describe('computer and domain names', () => {
  it('are replaced in vertarget, !analyze and environment fields', () => {
    expect(r('Machine Name: ALICE-PC')).toBe('Machine Name: <HOST1>');
    expect(r('COMPUTER_NAME:  WKS-0042')).toBe('COMPUTER_NAME:  <HOST1>');
    expect(r('        COMPUTERNAME=WKS-0042\n        USERDOMAIN=CORP\n        USERDNSDOMAIN=CORP.EXAMPLE.COM\n        LOGONSERVER=\\\\DC01')).toBe(
      '        COMPUTERNAME=<HOST1>\n        USERDOMAIN=<HOST2>\n        USERDNSDOMAIN=<HOST3>\n        LOGONSERVER=\\\\<HOST4>',
    );
  });

  it('leave an empty Machine Name: alone', () => {
    expect(r('Machine Name:\nKernel base = 0x81614000 PsLoadedModuleList = 0x8172bc70')).toBe(
      'Machine Name:\nKernel base = 0x81614000 PsLoadedModuleList = 0x8172bc70',
    );
  });

  it('are replaced as UNC servers, but not in \\\\.\\ and \\\\?\\ paths or after a drive', () => {
    expect(r('Symbol search path is: srv*c:\\sym*\\\\fs01\\symbols')).toBe('Symbol search path is: srv*c:\\sym*\\\\<HOST1>\\symbols');
    expect(r('open \\\\?\\UNC\\fs01\\share\\x.dmp')).toBe('open \\\\?\\UNC\\<HOST1>\\share\\x.dmp');
    const kept = '- Port = \\\\.\\pipe\\w2k8com1\n\\\\?\\C:\\Windows\\x.sys\nSYMSRV:  c:\\\\secdrv.pdb\\7578144C39C4468394EF84F01549113A3\\secdrv.pdb not found';
    expect(r(kept)).toBe(kept);
  });

  it('learned in one place are replaced everywhere else as whole words', () => {
    const text = 'Machine Name: ALICE-PC\nThe crash happened on alice-pc after resume.\nALICE-PCX is another machine.';
    expect(r(text)).toBe('Machine Name: <HOST1>\nThe crash happened on <HOST1> after resume.\nALICE-PCX is another machine.');
  });
});

describe('a !peb environment block of a domain user', () => {
  const PEB = [
    "    ImageFile:    'C:\\Users\\alice.CORP\\AppData\\Local\\Programs\\Acme\\acme.exe'",
    "    CommandLine:  '\"C:\\Users\\alice.CORP\\AppData\\Local\\Programs\\Acme\\acme.exe\" --profile=\\\\fs01.corp.example.com\\profiles\\alice'",
    '        ALLUSERSPROFILE=C:\\ProgramData',
    '        COMPUTERNAME=DESKTOP-AB12CD3',
    '        HOMEPATH=\\Users\\alice.CORP.000',
    '        LOGONSERVER=\\\\DC-01',
    '        PROCESSOR_IDENTIFIER=Intel64 Family 6 Model 158 Stepping 10, GenuineIntel',
    '        USERDNSDOMAIN=CORP.EXAMPLE.COM',
    '        USERDOMAIN=CORP',
    '        USERNAME=alice',
    'C:\\Users\\dave.smith\\x.dmp',
  ].join('\n');

  it('gives the user and the domain one placeholder each, wherever they appear', () => {
    expect(r(PEB)).toBe(
      [
        "    ImageFile:    'C:\\Users\\<USER1>.<HOST1>\\AppData\\Local\\Programs\\Acme\\acme.exe'",
        "    CommandLine:  '\"C:\\Users\\<USER1>.<HOST1>\\AppData\\Local\\Programs\\Acme\\acme.exe\" --profile=\\\\<HOST2>\\profiles\\<USER1>'",
        '        ALLUSERSPROFILE=C:\\ProgramData',
        '        COMPUTERNAME=<HOST3>',
        '        HOMEPATH=\\Users\\<USER1>.<HOST1>.000',
        '        LOGONSERVER=\\\\<HOST4>',
        '        PROCESSOR_IDENTIFIER=Intel64 Family 6 Model 158 Stepping 10, GenuineIntel',
        '        USERDNSDOMAIN=<HOST5>',
        '        USERDOMAIN=<HOST1>',
        '        USERNAME=<USER1>',
        'C:\\Users\\<USER2>\\x.dmp',
      ].join('\n'),
    );
  });
});

describe('the whole-word pass', () => {
  it('skips names that are also modules in the text', () => {
    const text = 'USERNAME=acmefilter\nacmefilter!Dispatch+0x10\nacmefilter.sys loaded';
    expect(r(text)).toBe('USERNAME=<USER1>\nacmefilter!Dispatch+0x10\nacmefilter.sys loaded');
  });

  it('skips common words and hex-looking names', () => {
    const text = 'C:\\Users\\admin\\x.dmp\nthe admin rebooted\nC:\\Users\\dead\\x\nrax=dead';
    expect(r(text)).toBe('C:\\Users\\<USER1>\\x.dmp\nthe admin rebooted\nC:\\Users\\<USER2>\\x\nrax=dead');
  });

  it('never replaces a name inside a symbol', () => {
    const text = 'USERNAME=Foo\nnt!Foo+0x12\nmod!Foo::Bar';
    expect(r(text)).toBe('USERNAME=<USER1>\nnt!Foo+0x12\nmod!Foo::Bar');
  });
});

describe('addresses', () => {
  it('replace IPv4 addresses', () => {
    expect(r('connected to 192.168.1.20:445 and 10.0.0.7.')).toBe('connected to <IP1>:445 and <IP2>.');
  });

  it('leave versions, long dotted runs, loopback and netmasks', () => {
    const text = [
      'IMAGE_VERSION:  10.0.14393.6795',
      'Version: 1.2.3.4',
      'File version:     6.1.7601.17514',
      'Built by: 6001.18000.x86fre.longhorn_rtm.080118-1840',
      'driver 1.2.3.4.5 and v1.2.3.4',
      '127.0.0.1 0.0.0.0 255.255.255.0',
      'Microsoft (R) Windows Debugger Version 6.12.0001.591 AMD64',
    ].join('\n');
    expect(r(text)).toBe(text);
  });

  it('replace IPv6 addresses with their zone', () => {
    expect(r('fe80::1c2b:3a4d:5e6f:7081%12 and 2001:db8:0:0:8a2e:370:7334:1 and 2001:db8::7334')).toBe('<IP1> and <IP2> and <IP3>');
  });

  it('leave colon-separated debugger text that is not IPv6', () => {
    const text = [
      'Debug session time: Tue Dec 22 10:31:07.543 2009 (UTC + 1:00)',
      '0:000> kcn',
      'x86: nt!_NtCreateFile@44  mod!Dac::Add std::vector<int>::push_back',
      'cs=0010  ss=0018  ds=002b  es=002b  fs=0053  gs=002b             efl=00000246',
      '001b:77a1b2c3 8bff            mov     edi,edi',
      '::1 is loopback',
    ].join('\n');
    expect(r(text)).toBe(text);
  });

  it('replace MAC addresses with either separator, the same MAC once', () => {
    expect(r('        MAC address        12-34-56-78-9a-bc\nPermanent 12:34:56:78:9A:BC')).toBe(
      '        MAC address        <MAC1>\nPermanent <MAC1>',
    );
    expect(r('broadcast ff-ff-ff-ff-ff-ff')).toBe('broadcast ff-ff-ff-ff-ff-ff');
  });
});

describe('SIDs', () => {
  it('lose their machine or domain part, keeping the RID', () => {
    expect(r('\\$RECYCLE.BIN\\S-1-5-21-589703330-573742762-725482543-110873\\desktop.ini')).toBe(
      '\\$RECYCLE.BIN\\S-1-5-21-<SID1>-110873\\desktop.ini',
    );
    expect(r('S-1-5-21-1-2-3-500 and S-1-5-21-1-2-3-1001')).toBe('S-1-5-21-<SID1>-500 and S-1-5-21-<SID1>-1001');
    expect(r('AzureAD S-1-12-1-1111111111-2222222222-3333333333-444444444')).toBe('AzureAD S-1-12-1-<SID1>');
  });

  it('that are well known stay', () => {
    const text = 'S-1-5-18 S-1-5-19 S-1-5-32-544 S-1-1-0 S-1-5-80-956008885-3418522649-1831038044-1853292631-2271478464';
    expect(r(text)).toBe(text);
  });
});

describe('serial numbers', () => {
  it('are replaced on SMBIOS, sysinfo and disk lines', () => {
    const text = [
      '[System Information (Type 1) - Length 27 - Handle 0001h]',
      '  Manufacturer                  Dell Inc.',
      '  SerialNumber                  5CG1234XYZ',
      '  UUID                          4c4c4544-0044-3510-8052-b4c04f4b4d32',
      '  Serial Number                 /5CG1234XYZ/CN1296341T00AB/',
      '  Asset Tag                     IT-000123',
      'BaseBoardSerialNumber = REG_SZ MB-777-ABC',
      'Serial Number : WD-WCC4N1234567',
    ].join('\n');
    expect(r(text)).toBe(
      [
        '[System Information (Type 1) - Length 27 - Handle 0001h]',
        '  Manufacturer                  Dell Inc.',
        '  SerialNumber                  <SERIAL1>',
        '  UUID                          <SERIAL2>',
        '  Serial Number                 <SERIAL3>',
        '  Asset Tag                     <SERIAL4>',
        'BaseBoardSerialNumber = REG_SZ <SERIAL5>',
        'Serial Number : <SERIAL6>',
      ].join('\n'),
    );
  });

  it('that are factory fillers stay', () => {
    const text = '  SerialNumber                  To be filled by O.E.M.\n  Serial Number                 Default string\n  Asset Tag                     Not Specified\nSerial Number : 0';
    expect(r(text)).toBe(text);
  });
});

describe('e-mail addresses and URLs', () => {
  it('replace e-mail addresses but not decorated symbols or CPU names', () => {
    expect(r('mail alice.smith+dumps@mail.example.co.uk.')).toBe('mail <EMAIL1>.');
    const text = 'nt!_KiSystemService@0  Intel(R) Core(TM) i7-4770 CPU @ 3.40GHz  Resource @ nt!PiEngineLock';
    expect(r(text)).toBe(text);
  });

  it('replace private hosts in URLs and symbol paths, keeping public ones', () => {
    expect(r('srv*c:\\sym*https://symbols.acme-corp.example/sym;srv*c:\\sym*https://msdl.microsoft.com/download/symbols')).toBe(
      'srv*c:\\sym*https://<HOST1>/sym;srv*c:\\sym*https://msdl.microsoft.com/download/symbols',
    );
    expect(r('see http://blogs.msdn.com/b/ntdebugging/archive/2012/08/31/x.aspx')).toBe(
      'see http://blogs.msdn.com/b/ntdebugging/archive/2012/08/31/x.aspx',
    );
    expect(r('file://fs01/share/x.dmp and http://user:pw@build.internal:8080/x')).toBe('file://<HOST1>/share/x.dmp and http://<HOST2>:8080/x');
    expect(r('http://10.1.2.3/symbols')).toBe('http://<IP1>/symbols');
  });

  it('keep a caller-given list of public hosts', () => {
    expect(r('https://symbols.acme-corp.example/sym', { publicHosts: ['acme-corp.example'] })).toBe('https://symbols.acme-corp.example/sym');
  });
});

describe('debugger data', () => {
  // Lines copied from the seed sessions: nothing here names a person or a machine.
  const DEBUGGER = [
    'fffff880`06e534f0 fffff800`03aab937 : fffff800`03ae0aa5 00000000`000406f8 fffff880`03165180 fffff880`06e53710 : nt!KiInterruptDispatchNoLock+0x163 (TrapFrame @ fffff880`06e534f0)',
    '        926fbd34 770f9a94 00000c08 00000f48 00000000 nt!KiFastCallEntry+0x12a (FPO: [0,3] TrapFrame @ 926fbd64)',
    'THREAD fffffa8007005660  Cid 0004.0048  Teb: 0000000000000000 Win32Thread: 0000000000000000 WAIT: (Executive) KernelMode Non-Alertable',
    '.  0  Id: c08.43d8 Suspend: 1 Teb: 000007ff`fffdc000 Unfrozen',
    'C:\\WINDOWS\\system32\\CatRoot\\{F750E6C3-38EE-11D1-85E5-00C04FC295EE}\\',
    ' Se         0        0       93   119984 General security allocations , Binary: nt!se',
    '    8097372b  53 65 20 20 6a 0c 6a 01-e8 40 14 f2 ff 85 c0 75  Se  j.j..@.....u',
    'Page File: \\??\\C:\\pagefile.sys',
    'Device instance    PCI\\VEN_1234&DEV_5678&SUBSYS_11112222&REV_01\\9877ffe0004f5883a0',
    'Symbol search path is: srv*C:\\*',
    '    DllPath:      \'C:\\Windows\\system32;C:\\Windows\\system32;C:\\Windows\\system;C:\\Windows;.;C:\\Windows\\System32\\Wbem\'',
    'fffff880`0ae8e000 fffff880`0aebc000   ZTEusbnet  (no symbols)',
    'BUGCHECK_P1: ffffffffc0000005',
    'Ndis API version   v6.40',
    'Resource @ nt!IopDeviceTreeLock (0xfffff80003492ce0)    Shared 1 owning threads',
  ].join('\n');

  it('is never touched', () => {
    expect(previewRedaction(DEBUGGER)).toEqual([]);
    expect(r(DEBUGGER)).toBe(DEBUGGER);
  });
});

// A session excerpt with one identifier of every kind.
const ALL = [
  '0: kd> !peb',
  '        USERNAME=alice',
  '        COMPUTERNAME=ALICE-PC',
  '        USERPROFILE=C:\\Users\\alice',
  '    ImageFile:    \'C:\\Users\\alice\\AppData\\Local\\acme\\acme.exe\'',
  'User: S-1-5-21-1004336348-1177238915-682003330-1001',
  'adapter 192.168.1.20 MAC 12-34-56-78-9a-bc',
  '  SerialNumber                  5CG1234XYZ',
  'contact alice@example.com',
  'srv*c:\\sym*https://symbols.acme-corp.example/sym',
  'fffff880`0ae8e000 fffff880`0aebc000   ZTEusbnet  (no symbols)',
].join('\n');

describe('placeholders', () => {
  it('are numbered per family in order of first appearance, the same original always alike', () => {
    const res = redact(ALL);
    expect(res.text).toBe(
      [
        '0: kd> !peb',
        '        USERNAME=<USER1>',
        '        COMPUTERNAME=<HOST1>',
        '        USERPROFILE=C:\\Users\\<USER1>',
        '    ImageFile:    \'C:\\Users\\<USER1>\\AppData\\Local\\acme\\acme.exe\'',
        'User: S-1-5-21-<SID1>-1001',
        'adapter <IP1> MAC <MAC1>',
        '  SerialNumber                  <SERIAL1>',
        'contact <EMAIL1>',
        'srv*c:\\sym*https://<HOST2>/sym',
        'fffff880`0ae8e000 fffff880`0aebc000   ZTEusbnet  (no symbols)',
      ].join('\n'),
    );
    expect(res.counts).toEqual({ user: 3, host: 1, ip: 1, mac: 1, sid: 1, serial: 1, email: 1, url: 1 });
    expect(res.replacements).toEqual([
      { kind: 'user', original: 'alice', placeholder: '<USER1>' },
      { kind: 'host', original: 'ALICE-PC', placeholder: '<HOST1>' },
      { kind: 'sid', original: '1004336348-1177238915-682003330', placeholder: '<SID1>' },
      { kind: 'ip', original: '192.168.1.20', placeholder: '<IP1>' },
      { kind: 'mac', original: '12-34-56-78-9a-bc', placeholder: '<MAC1>' },
      { kind: 'serial', original: '5CG1234XYZ', placeholder: '<SERIAL1>' },
      { kind: 'email', original: 'alice@example.com', placeholder: '<EMAIL1>' },
      { kind: 'url', original: 'symbols.acme-corp.example', placeholder: '<HOST2>' },
    ]);
  });

  it('continue after placeholders already in the text', () => {
    expect(r('C:\\Users\\<USER1>\\x and C:\\Users\\bob\\y')).toBe('C:\\Users\\<USER1>\\x and C:\\Users\\<USER2>\\y');
  });

  it('are previewed as spans over the original lines', () => {
    const text = `${ALL.replace(/\n/g, '\r\n')}\r\n`;
    const spans = previewRedaction(text);
    const lines = text.split('\r\n');
    expect(spans.length).toBe(10);
    for (const s of spans) {
      expect(lines[s.line - 1]?.slice(s.start, s.end)).toBe(s.original);
    }
    expect(spans[0]).toEqual({ line: 2, start: 17, end: 22, kind: 'user', original: 'alice', placeholder: '<USER1>' });
  });
});

describe('toggles', () => {
  // One line per kind, sharing no names, so each toggle's effect is visible alone.
  const ONE_EACH: Record<RedactKind, string> = {
    user: 'Image path: C:\\Users\\zoe\\x.dll',
    host: '        COMPUTERNAME=WKS-0042',
    ip: 'peer 192.168.7.7',
    mac: 'MAC address        12-34-56-78-9a-bc',
    sid: 'User: S-1-5-21-1-2-3-1001',
    serial: '  SerialNumber                  5CG1234XYZ',
    email: 'mail x.y@example.com',
    url: 'srv*c:\\sym*https://symbols.acme-corp.example/sym',
  };
  const text = REDACT_KINDS.map((k) => ONE_EACH[k]).join('\n');

  it.each(REDACT_KINDS.map((k) => [k]))('%s off leaves its identifiers alone and the others not', (kind: RedactKind) => {
    expect(redact(text).counts[kind]).toBe(1);
    const off = redact(text, { [kind]: false });
    expect(off.counts[kind]).toBe(0);
    const outLines = off.text.split('\n');
    REDACT_KINDS.forEach((k, i) => {
      if (k === kind) {
        expect(outLines[i]).toBe(ONE_EACH[k]);
      } else {
        expect(outLines[i]).not.toBe(ONE_EACH[k]);
      }
    });
    expect(previewRedaction(text, { [kind]: false }).some((s) => s.kind === kind)).toBe(false);
  });

  it('all off change nothing', () => {
    const none = Object.fromEntries(REDACT_KINDS.map((k) => [k, false]));
    expect(r(ALL, none)).toBe(ALL);
  });
});

describe('structure', () => {
  it('keeps every line break as it was (LF, CRLF, CR)', () => {
    const text = 'USERNAME=alice\r\nMachine Name: ALICE-PC\rIP 10.1.2.3\n\nend';
    expect(r(text)).toBe('USERNAME=<USER1>\r\nMachine Name: <HOST1>\rIP <IP1>\n\nend');
  });

  it('is idempotent', () => {
    const once = r(ALL);
    expect(r(once)).toBe(once);
    expect(previewRedaction(once)).toEqual([]);
  });

  it('handles empty text', () => {
    expect(redact('')).toEqual({ text: '', counts: { user: 0, host: 0, ip: 0, mac: 0, sid: 0, serial: 0, email: 0, url: 0 }, replacements: [] });
  });
});

/** What a verdict is made of: compared before and after redaction. */
function verdict(report: AnalysisReport) {
  return {
    kind: report.kind,
    code: report.bugcheck?.code ?? null,
    name: report.bugcheck?.name ?? null,
    args: report.bugcheck?.args ?? null,
    category: report.category,
    suspects: report.suspects.map((s) => s.module.toLowerCase()),
  };
}

describe.each(SEEDS)('seed $name', ({ text }) => {
  it('keeps its verdict after redaction with every kind on', () => {
    expect(verdict(analyze(redact(text).text))).toEqual(verdict(analyze(text)));
  });

  it('keeps its verdict with identifiers added to it, then redacted', () => {
    const withIds = `${text}\n\n${ALL}\n`;
    const redacted = redact(withIds);
    expect(redacted.counts.user).toBeGreaterThan(0);
    expect(verdict(analyze(redacted.text))).toEqual(verdict(analyze(withIds)));
  });

  it('is redacted idempotently and keeps its line count', () => {
    const once = redact(text).text;
    expect(redact(once).text).toBe(once);
    expect(once.split(/\r\n|\r|\n/).length).toBe(text.split(/\r\n|\r|\n/).length);
  });
});

describe('properties', () => {
  const hex = (n: number) => fc.string({ unit: fc.constantFrom(...'0123456789abcdef'), minLength: n, maxLength: n });
  const mod = fc.constantFrom('nt', 'ndis', 'Ntfs', 'ZTEusbnet', 'nvlddmkm', 'tcpip', 'storport', 'fltmgr', 'hal');
  const sym = fc.constantFrom('KiSwapContext', 'KeBugCheckEx', 'IopfCompleteRequest', 'NdisMSleep', 'ExpWorkerThread', 'Dac::Add');
  const addr = fc.tuple(hex(8), hex(8)).map(([a, b]) => `${a}\`${b}`);
  const big = fc.integer({ min: 256, max: 65535 });
  const small = fc.integer({ min: 0, max: 255 });

  /** Lines in the shapes debuggers print, none naming a person or machine. */
  const debuggerLine = fc.oneof(
    fc.tuple(addr, addr, mod, sym, hex(3)).map(([a, b, m, s, o]) => `${a} ${b} : 00000000\`00000000 : ${m}!${s}+0x${o}`),
    fc.tuple(fc.nat(255), addr, mod, sym).map(([i, a, m, s]) => `${i.toString(16).padStart(2, '0')} ${a} ${m}!${s}+0x1f`),
    fc.tuple(small, small, big, small).map(([a, b, c, d]) => `IMAGE_VERSION:  ${a}.${b}.${c}.${d}`),
    fc.tuple(small, small, small, small).map(([a, b, c, d]) => `File version: ${a}.${b}.${c}.${d}`),
    fc.tuple(small, big, small, small).map(([a, b, c, d]) => `image ${a}.${b}.${c}.${d} loaded`),
    fc.tuple(hex(4), hex(4), hex(8)).map(([p, t, th]) => `THREAD ffffe000${th}  Cid ${p}.${t}  Teb: 0000000000000000`),
    fc.tuple(hex(3), hex(4)).map(([p, t]) => `.  0  Id: ${p}.${t} Suspend: 1 Teb: 000007ff\`fffdc000 Unfrozen`),
    fc.tuple(hex(8), hex(4), hex(4), hex(4), hex(12)).map(([a, b, c, d, e]) => `FAILURE_ID_HASH:  {${a}-${b}-${c}-${d}-${e}}`),
    fc.tuple(fc.constantFrom('Se  ', 'Ntfx', 'MmSt', 'Irp '), fc.nat(99999)).map(([t, n]) => ` ${t}       0        0       ${n}   119984 UNKNOWN pooltag '${t}'`),
    fc.tuple(fc.nat(7), fc.constantFrom('kd', 'lkd')).map(([p, k]) => `${p}: ${k}> !thread`),
    fc.tuple(hex(16), hex(16)).map(([a, b]) => `rax=${a} rbx=${b}`),
    fc.tuple(hex(8), fc.array(hex(2), { minLength: 16, maxLength: 16 })).map(([a, bytes]) => `${a}  ${bytes.slice(0, 8).join(' ')}-${bytes.slice(8).join(' ')}  ................`),
    fc.constantFrom('', '*** ERROR: Module load completed but symbols could not be loaded for ZTEusbnet.sys', 'Page File: \\??\\C:\\pagefile.sys', 'Debug session time: Tue Dec 22 10:31:07.543 2009 (UTC + 1:00)'),
  );

  const names = fc.constantFrom('alice', 'bob', 'carol', 'dave.smith', 'erin');
  const hosts = fc.constantFrom('ALICE-PC', 'WKS-0042', 'BUILDSRV7', 'lab-host');
  /** Lines that each carry an identifier. */
  const identifierLine = fc.oneof(
    names.map((n) => `        USERNAME=${n}`),
    names.map((n) => `    ImageFile:    'C:\\Users\\${n}\\AppData\\Local\\acme.exe'`),
    hosts.map((h) => `Machine Name: ${h}`),
    hosts.map((h) => `srv*c:\\sym*\\\\${h}\\symbols`),
    fc.tuple(fc.integer({ min: 1, max: 223 }), small, small, fc.integer({ min: 1, max: 254 })).map(([a, b, c, d]) => `peer ${a === 127 ? 10 : a}.${b}.${c}.${d}`),
    fc.array(hex(2), { minLength: 6, maxLength: 6 }).map((p) => `MAC address        ${p.join('-')}`.replace('00-00-00-00-00-00', '02-00-00-00-00-01')),
    fc.tuple(fc.nat(), fc.nat(), fc.nat(), fc.nat(99999)).map(([a, b, c, d]) => `User: S-1-5-21-${a}-${b}-${c}-${d}`),
    names.map((n) => `mail ${n}@example.com`),
  );

  it('never changes the number of lines, nor a line without identifiers, and is idempotent', () => {
    fc.assert(
      fc.property(
        fc.array(fc.oneof(debuggerLine.map((text) => ({ text, id: false })), identifierLine.map((text) => ({ text, id: true }))), { maxLength: 30 }),
        fc.constantFrom('\n', '\r\n'),
        (lines, sep) => {
          const text = lines.map((l) => l.text).join(sep);
          const out = redact(text).text;
          const outLines = out.split(sep);
          expect(outLines.length).toBe(lines.length === 0 ? 1 : lines.length);
          lines.forEach((l, i) => {
            if (!l.id) {
              expect(outLines[i]).toBe(l.text);
            } else {
              expect(outLines[i]).not.toBe(l.text);
            }
          });
          expect(redact(out).text).toBe(out);
        },
      ),
      { numRuns: 300 },
    );
  });

  it('never throws and keeps the line count on arbitrary text', () => {
    fc.assert(
      fc.property(fc.string({ unit: fc.constantFrom(...'ab:.-\\/@ 0129fS=\r\n<>`!'), maxLength: 300 }), (text) => {
        const out = redact(text).text;
        expect(out.split(/\r\n|\r|\n/).length).toBe(text.split(/\r\n|\r|\n/).length);
      }),
      { numRuns: 500 },
    );
  });
});
