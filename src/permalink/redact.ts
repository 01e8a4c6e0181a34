/**
 * Redaction of personal identifiers in debugger text before it is shared,
 * as a pure step with visible placeholders (the approach of Firefox
 * Profiler's sanitize step): `C:\Users\alice\…` becomes `C:\Users\<USER1>\…`.
 * The same original always gets the same placeholder, so relationships
 * survive ("the driver under <USER1>'s profile", "<HOST1> is the logon
 * server"), and a preview can show every replacement before anything leaves
 * the machine.
 *
 * What is replaced (each kind has a toggle, all on by default):
 *
 *   user    profile folders `C:\Users\alice\`, `\Documents and Settings\bob\`,
 *           `/home/carol/`; `USERNAME=`, `User Name:`; the user of `(User: CORP\dave)`
 *   host    `Machine Name:`, `COMPUTER_NAME:`, `COMPUTERNAME=`, `USERDOMAIN=`,
 *           `USERDNSDOMAIN=`, `LOGONSERVER=`, UNC servers `\\fs01\share`, the
 *           domain of `CORP\dave`
 *   ip      IPv4 (four parts ≤ 255, not inside a longer dotted run, not on a
 *           version/build line) and IPv6 (8 groups, or `::` forms that look
 *           like real addresses)
 *   mac     `12-34-56-78-9a-bc`, `12:34:56:78:9a:bc`
 *   sid     the machine/domain part of `S-1-5-21-a-b-c-RID` and of Azure AD
 *           `S-1-12-1-…`; well-known SIDs (`S-1-5-18`, `S-1-5-32-544`) stay
 *   serial  SMBIOS `SerialNumber`, `Serial Number`, `BaseBoardSerialNumber`,
 *           `Asset Tag`, `UUID` lines, disk `Serial Number :` lines
 *   email   `name@example.com`
 *   url     hosts of `http(s)://`, `ftp://`, `file://` URLs (symbol servers,
 *           file shares), except well-known public hosts (`PUBLIC_HOSTS`)
 *
 * Names learned from those contexts (user, host, serial values) are then
 * replaced wherever else they appear as whole words, e.g. a machine name
 * repeated in prose, unless they could be debugger data: shorter than three
 * characters, spelled only with hex digits, a common word (`STOP_WORDS`), or
 * also used as a module name (`alice!Foo`, `alice.sys`) in the text.
 *
 * What is never touched: hex addresses (`fffff880`02fddce8`), module names,
 * `nt!Symbol+0x1f`, version numbers (`10.0.14393.6795`), Cids (`0004.0048`),
 * `Id: c08.43d8`, GUIDs (outside SMBIOS `UUID` lines), pool tags, `\\.\pipe\`,
 * `\??\C:\`. Line breaks are never added or removed, so line numbers, and
 * with them every finding's evidence, stay valid.
 *
 * Regexes are linear per line (bounded repeats, anchored or literal starts);
 * e-mail addresses are found by expanding around each `@` instead of a regex.
 */

/** The kinds of identifiers `redact` replaces. */
export type RedactKind = 'user' | 'host' | 'ip' | 'mac' | 'sid' | 'serial' | 'email' | 'url';

/** Every kind, in the order a settings panel lists them. */
export const REDACT_KINDS: readonly RedactKind[] = ['user', 'host', 'ip', 'mac', 'sid', 'serial', 'email', 'url'];

/** Labels and examples for a settings panel. */
export const REDACT_KIND_INFO: Readonly<Record<RedactKind, { label: string; example: string }>> = {
  user: { label: 'User names', example: 'C:\\Users\\alice\\ → C:\\Users\\<USER1>\\' },
  host: { label: 'Computer and domain names', example: 'COMPUTERNAME=ALICE-PC → COMPUTERNAME=<HOST1>' },
  ip: { label: 'IP addresses', example: '192.168.1.20 → <IP1>' },
  mac: { label: 'MAC addresses', example: '12-34-56-78-9a-bc → <MAC1>' },
  sid: { label: 'Security identifiers (SIDs)', example: 'S-1-5-21-…-1001 → S-1-5-21-<SID1>-1001' },
  serial: { label: 'Serial numbers', example: 'SerialNumber  5CG1234XYZ → SerialNumber  <SERIAL1>' },
  email: { label: 'E-mail addresses', example: 'alice@example.com → <EMAIL1>' },
  url: { label: 'Private server names in URLs', example: 'https://symbols.corp.example/ → https://<HOST1>/' },
};

/**
 * Toggles per kind (absent = on), and the list of hosts whose URLs are kept
 * (default `PUBLIC_HOSTS`; a host matches itself and its subdomains).
 */
export type RedactOptions = Partial<Record<RedactKind, boolean>> & { publicHosts?: readonly string[] };

/** All kinds on. */
export const DEFAULT_REDACT_OPTIONS: Readonly<Record<RedactKind, boolean>> = {
  user: true,
  host: true,
  ip: true,
  mac: true,
  sid: true,
  serial: true,
  email: true,
  url: true,
};

/**
 * Public hosts kept in URLs: Microsoft's documentation and symbol servers,
 * vendors' public symbol servers, code hosts and the usual help forums.
 * Anything else (a company's symbol server, a file server) is replaced.
 */
export const PUBLIC_HOSTS: readonly string[] = [
  'microsoft.com',
  'msdn.com',
  'technet.com',
  'windows.com',
  'windowsupdate.com',
  'visualstudio.com',
  'nuget.org',
  'github.com',
  'githubusercontent.com',
  'chromium.org',
  'chromium-browser-symsrv.commondatastorage.googleapis.com',
  'mozilla.org',
  'nvidia.com',
  'intel.com',
  'amd.com',
  'citrix.com',
  'osr.com',
  'osronline.com',
  'sysnative.com',
  'tenforums.com',
  'elevenforum.com',
  'stackoverflow.com',
  'superuser.com',
  'wikipedia.org',
  'localhost',
];

/** One replacement at one place: 1-based `line`, 0-based columns `[start, end)` in the original line. */
export interface RedactionSpan {
  line: number;
  start: number;
  end: number;
  kind: RedactKind;
  original: string;
  placeholder: string;
}

/** One distinct original and its placeholder. */
export interface Replacement {
  kind: RedactKind;
  original: string;
  placeholder: string;
}

/** Result of `redact`. `counts` counts occurrences; `replacements` lists each distinct original once. */
export interface RedactResult {
  text: string;
  counts: Record<RedactKind, number>;
  replacements: Replacement[];
}

/** Placeholder families: several kinds share one (a URL host and a UNC server are both HOSTs). */
type Namespace = 'USER' | 'HOST' | 'IP' | 'MAC' | 'SID' | 'SERIAL' | 'EMAIL';

/** A candidate replacement found by a detector. */
interface Candidate {
  start: number;
  end: number;
  kind: RedactKind;
  ns: Namespace;
  /** Normalized identity: the same key gets the same placeholder. */
  key: string;
  /** Learn the value for the whole-word pass over the rest of the text. */
  learn?: boolean;
}

const PLACEHOLDER = /^<(?:USER|HOST|IP|MAC|SID|SERIAL|EMAIL)\d+>/;
const PLACEHOLDER_ANYWHERE = /<(USER|HOST|IP|MAC|SID|SERIAL|EMAIL)(\d+)>/g;

/** Profile folders that name no person. */
const GENERIC_PROFILES = /^(?:public|default|default user|all users|defaultuser\d*|defaultapppool|administrator|guest|wdagutilityaccount|systemprofile|localservice|networkservice)$/i;

/**
 * Words never replaced by the whole-word pass even when a context names them
 * (a user called "admin" must not turn every "admin" in prose into <USER1>).
 * They are still replaced in the context where they were found.
 */
export const STOP_WORDS: ReadonlySet<string> = new Set([
  'user', 'users', 'admin', 'administrator', 'guest', 'owner', 'test', 'tester', 'public', 'default',
  'system', 'local', 'localhost', 'home', 'dev', 'developer', 'desktop', 'laptop', 'server', 'windows',
  'microsoft', 'console', 'workgroup', 'domain', 'none', 'unknown', 'null', 'support', 'service',
  'services', 'setup', 'temp', 'root', 'builtin', 'authority', 'everyone', 'network', 'host', 'client',
  'kernel', 'driver', 'debug', 'debugger', 'dump', 'crash', 'machine', 'computer', 'name',
]);

/** Values of serial fields that are factory fillers, not serials. */
const SERIAL_FILLER = /^(?:to be filled by o\.?e\.?m\.?|default string|not specified|not available|not applicable|none|n\/a|unknown|0+|1234567890?|0123456789|x+|(?:system|chassis|base ?board) serial number|serial ?number|\.+|-+)$/i;

/** Host values that name no particular machine. */
const GENERIC_HOSTS = /^(?:workgroup|localhost|local|none|n\/a|unknown|\(null\)|\.|-|\?)$/i;

/** Domains of `DOMAIN\name` that are built into Windows, not a site's own. */
const BUILTIN_DOMAINS = /^(?:builtin|nt authority|nt service|window manager|font driver host|iis apppool|nt virtual machine|application package authority|microsoftaccount|azuread|workgroup)$/i;

// -- Key/value fields --------------------------------------------------------
// Keys are compared without case, spaces or underscores: `Machine Name`,
// `COMPUTER_NAME` and `COMPUTERNAME` are the same key.

const FIELD_KINDS: ReadonlyMap<string, 'user' | 'host' | 'serial'> = new Map<string, 'user' | 'host' | 'serial'>([
  ['username', 'user'],
  ['logname', 'user'],
  ['accountname', 'user'],
  ['registeredowner', 'user'],
  ['machinename', 'host'],
  ['computername', 'host'],
  ['hostname', 'host'],
  ['dnshostname', 'host'],
  ['fqdn', 'host'],
  ['userdomain', 'host'],
  ['userdomainroamingprofile', 'host'],
  ['userdnsdomain', 'host'],
  ['clientname', 'host'],
  ['logonserver', 'host'],
  ['domainname', 'host'],
  ['serialnumber', 'serial'],
  ['serialno', 'serial'],
  ['systemserialnumber', 'serial'],
  ['baseboardserialnumber', 'serial'],
  ['chassisserialnumber', 'serial'],
  ['diskserialnumber', 'serial'],
  ['driveserialnumber', 'serial'],
  ['deviceserialnumber', 'serial'],
  ['processorserialnumber', 'serial'],
  ['assettag', 'serial'],
  ['assettagnumber', 'serial'],
  ['uuid', 'serial'],
  ['systemuuid', 'serial'],
]);

/**
 * A field at the start of a line:
 *   `Machine Name: ALICE-PC`, `COMPUTERNAME=ALICE-PC`, `  SerialNumber     5CG1234XYZ`
 *   (1) key: a letter, then up to 39 letters/spaces/underscores (lazy, so the
 *       key ends at the first separator);
 *   then `:` or `=` (spaces around allowed) or a run of 2+ spaces (SMBIOS tables);
 *   (2) the value: the rest of the line.
 */
const FIELD_LINE = /^\s*([A-Za-z][A-Za-z _]{0,39}?)(?:\s*[:=]\s*|\s{2,})(\S.*)$/;

/**
 * Environment variables anywhere on a line (`!peb` prints one per line, but
 * pasted text may join them): `(?<![\w])` keeps `XUSERNAME=` out; (1) name,
 * (2) value up to whitespace, at most 253 characters (a longer run is no name).
 */
const ENV_VAR = /(?<![\w])(USERNAME|COMPUTERNAME|USERDOMAIN|USERDOMAIN_ROAMINGPROFILE|USERDNSDOMAIN|CLIENTNAME|LOGONSERVER)=([^\s=]{1,253})(?![^\s=])/gi;

/** `\Users\` or `\Documents and Settings\` (either slash), before the profile folder. */
const PROFILE_DIR = /[\\/](?:users|documents and settings)[\\/]/gi;

/**
 * A profile folder `user.DOMAIN` or `user.DOMAIN.000`: (1) user, (2) the
 * domain in capitals, as Windows writes it (so `dave.smith` stays whole),
 * (3) the optional counter.
 */
const PROFILE_WITH_DOMAIN = /^([^.]+(?:\.[^.]+)*?)\.([A-Z0-9][A-Z0-9-]{0,14})(\.\d{3})?$/;

/** `/home/NAME`: after start, space, quote, `=`, `:` or `(`; (1) NAME. */
const HOME_DIR = /(?:^|[\s'"=:(])\/home\/([^/\s'"<>]{1,64})/g;

/**
 * UNC server: `\\fs01\share`, `\\?\UNC\fs01\share`, `LOGONSERVER=\\DC01`.
 * The `\\` must follow the start, a space, a quote or a separator, so
 * `c:\\secdrv.pdb` (a doubled backslash after a drive) is not a server;
 * (1) the server: a letter or digit first, so `\\.\pipe` and `\\?\C:` stay.
 */
const UNC = /(?:^|(?<=[\s'"=*;,(<[]))\\\\(?:\?\\UNC\\)?([A-Za-z0-9][A-Za-z0-9._$-]{0,62})(?=\\|$|[\s'";,)\]])/g;

/**
 * `DOMAIN\name` after a label, as `!token -n` prints it: `(User: CORP\dave)`.
 * (1) label, (2) domain (one word), (3) name (up to a space or closing mark).
 */
const DOMAIN_USER = /\b(User|Owner|Account(?: Name)?|Group|Alias|Logon User|Run ?As)\s*:\s*([A-Za-z0-9][\w.-]{0,62})\\([^\\\s)"',;\]]{1,64})/gi;

/**
 * IPv4 candidate: four dotted runs of 1–3 digits, not preceded by a word
 * character or a dot and not followed by a word character or `.digit`, so
 * `10.0.14393.6795` and `1.2.3.4.5` are not taken; octets are checked after.
 */
const IPV4 = /(?<![\w.])\d{1,3}\.\d{1,3}\.\d{1,3}\.\d{1,3}(?![\w]|\.\w)/g;

/** A line prefix that makes dotted numbers versions: `Version`, `IMAGE_VERSION:`, `Build`, `v`. */
const VERSION_CONTEXT = /version|\bver\b|build|release|revision|\brev\b|product|file ?ver/i;

/**
 * IPv6 candidate: 2–7 colon-separated groups of 0–4 hex digits plus a last
 * group, an optional zone (`%12`); not next to word characters, colons, dots
 * or `!` (symbols like `mod!Dac::Add`). Checked in code afterwards.
 */
const IPV6 = /(?<![\w:.!])(?:[0-9A-Fa-f]{0,4}:){2,7}[0-9A-Fa-f]{0,4}(?:%[\w]{1,16})?(?![\w:.])/g;

/** MAC: six pairs joined by the same `-` or `:` (backreference 1), not part of a longer run. */
const MAC = /(?<![\w:.-])[0-9A-Fa-f]{2}([-:])[0-9A-Fa-f]{2}(?:\1[0-9A-Fa-f]{2}){4}(?![\w:-])/g;

/** Domain part of a domain/machine SID: `S-1-5-21-` + three sub-authorities (1), RID kept. */
const SID_DOMAIN = /\bS-1-5-21-(\d{1,10}-\d{1,10}-\d{1,10})(?!\d)/g;
/** Azure AD SID: `S-1-12-1-` + four sub-authorities (1). */
const SID_AZURE = /\bS-1-12-1-(\d{1,10}-\d{1,10}-\d{1,10}-\d{1,10})(?!\d)/g;

/**
 * URL authority: (1) scheme, (2) `userinfo@host:port` up to the path. The
 * authority stops at `/ ? #`, spaces, quotes, `*` and `;` (symbol paths
 * separate entries with them), `<>` (placeholders) and `\`.
 */
const URL_AUTHORITY = /\b(https?|ftps?|sftp|file|smb):\/\/([^\s/?#"'<>\\|*;,)]{1,255})/gi;

function lower(s: string): string {
  return s.toLowerCase();
}

// ---------------------------------------------------------------------------
// Detectors: each adds candidates for one line
// ---------------------------------------------------------------------------

type Push = (c: Candidate) => void;

/**
 * User names in profile paths. The folder name runs to the next slash; when
 * there is none, to the next space, unless the path is the value of an
 * environment variable or in quotes (then to the quote or line end, so
 * `USERPROFILE=C:\Users\John Smith` keeps the whole name).
 */
function detectProfilePaths(line: string, push: Push, envLine: boolean): void {
  PROFILE_DIR.lastIndex = 0;
  for (let m = PROFILE_DIR.exec(line); m !== null; m = PROFILE_DIR.exec(line)) {
    const start = m.index + m[0].length;
    let i = start;
    while (i < line.length && i - start < 64) {
      const c = line[i] as string;
      if (c === '\\' || c === '/' || c === '"' || c === "'" || c === '<' || c === '>' || c === '|' || c === '*' || c === '?' || c === ';' || c === ',' || c === '\t' || c === ':') {
        break;
      }
      i++;
    }
    const stop = line[i];
    let end = i;
    const quoted = stop === '"' || stop === "'";
    if (stop !== '\\' && stop !== '/' && !quoted && !envLine) {
      const space = line.indexOf(' ', start);
      if (space >= 0 && space < end) {
        end = space;
      }
    }
    while (end > start && (line[end - 1] === ' ' || line[end - 1] === '.')) {
      end--;
    }
    const name = line.slice(start, end);
    if (name === '' || name.startsWith('<') || name.startsWith('%') || name.startsWith('$') || GENERIC_PROFILES.test(name)) {
      continue;
    }
    // Windows names a domain user's second profile `alice.CORP` (or `alice.CORP.000`): the user
    // and the domain get their own placeholders, matching USERNAME= and USERDOMAIN=.
    const split = PROFILE_WITH_DOMAIN.exec(name);
    if (split !== null && /[A-Z]/.test(split[2] as string) && !GENERIC_PROFILES.test(split[1] as string)) {
      const user = split[1] as string;
      const domain = split[2] as string;
      push({ start, end: start + user.length, kind: 'user', ns: 'USER', key: lower(user), learn: true });
      const d = start + user.length + 1;
      push({ start: d, end: d + domain.length, kind: 'host', ns: 'HOST', key: lower(domain), learn: true });
    } else {
      push({ start, end, kind: 'user', ns: 'USER', key: lower(name), learn: true });
    }
    PROFILE_DIR.lastIndex = Math.max(PROFILE_DIR.lastIndex, end);
  }
}

function detectHomeDirs(line: string, push: Push): void {
  if (!line.includes('/home/')) {
    return;
  }
  HOME_DIR.lastIndex = 0;
  for (let m = HOME_DIR.exec(line); m !== null; m = HOME_DIR.exec(line)) {
    const name = m[1] as string;
    const start = m.index + m[0].length - name.length;
    if (!PLACEHOLDER.test(name)) {
      push({ start, end: start + name.length, kind: 'user', ns: 'USER', key: lower(name), learn: true });
    }
  }
}

/** Longest value taken from a field, by kind. */
const MAX_VALUE: Readonly<Record<'user' | 'host' | 'serial', number>> = { user: 64, host: 253, serial: 64 };

/** A field value: (start, end) within the line, or null when it names nothing. */
function fieldValue(line: string, valueStart: number, kind: 'user' | 'host' | 'serial'): { start: number; end: number } | null {
  let start = valueStart;
  // `!sysinfo` prints registry types before values: `SystemSerialNumber = REG_SZ 5CG1234XYZ`.
  const reg = /^REG_\w+\s+/.exec(line.slice(start, start + 32));
  if (reg !== null) {
    start += reg[0].length;
  }
  let end = line.length;
  while (end > start && line[end - 1] === ' ') {
    end--;
  }
  let value = line.slice(start, end);
  if (kind === 'host') {
    // One token; `LOGONSERVER=\\DC01` names DC01.
    if (value.startsWith('\\\\')) {
      start += 2;
      value = value.slice(2);
    }
    const space = value.search(/\s/);
    if (space >= 0) {
      value = value.slice(0, space);
    }
  } else {
    // A user name or serial may hold spaces ("John Smith", "VMware-56 4d 12 …") but a long
    // rest of line is more likely collapsed output: then take one token.
    const limit = kind === 'user' ? 40 : 64;
    if (value.length > limit || (kind === 'user' && value.split(' ').length > 3)) {
      const space = value.search(/\s/);
      value = space >= 0 ? value.slice(0, space) : value;
    }
  }
  end = start + value.length;
  // Longer than any user, host (DNS: 253) or serial: not an identifier but something else.
  if (value === '' || value.length > MAX_VALUE[kind] || PLACEHOLDER.test(value)) {
    return null;
  }
  if (kind === 'serial' && SERIAL_FILLER.test(value)) {
    return null;
  }
  if (kind === 'host' && GENERIC_HOSTS.test(value)) {
    return null;
  }
  if (kind === 'user' && GENERIC_PROFILES.test(value)) {
    return null;
  }
  return { start, end };
}

const NS_OF: Readonly<Record<'user' | 'host' | 'serial', Namespace>> = { user: 'USER', host: 'HOST', serial: 'SERIAL' };

function detectFields(line: string, push: Push): void {
  const m = FIELD_LINE.exec(line);
  if (m !== null) {
    const key = (m[1] as string).replace(/[\s_]+/g, '').toLowerCase();
    const kind = FIELD_KINDS.get(key);
    if (kind !== undefined) {
      const v = fieldValue(line, line.length - (m[2] as string).length, kind);
      if (v !== null) {
        push({ ...v, kind, ns: NS_OF[kind], key: lower(line.slice(v.start, v.end)), learn: true });
      }
    }
  }
  if (line.includes('=')) {
    ENV_VAR.lastIndex = 0;
    for (let e = ENV_VAR.exec(line); e !== null; e = ENV_VAR.exec(line)) {
      const kind = FIELD_KINDS.get((e[1] as string).replace(/_/g, '').toLowerCase()) ?? 'host';
      const valueStart = e.index + e[0].length - (e[2] as string).length;
      let start = valueStart;
      let value = e[2] as string;
      if (value.startsWith('\\\\')) {
        start += 2;
        value = value.slice(2);
      }
      if (value === '' || PLACEHOLDER.test(value) || (kind === 'host' && GENERIC_HOSTS.test(value)) || (kind === 'user' && GENERIC_PROFILES.test(value))) {
        continue;
      }
      push({ start, end: start + value.length, kind, ns: NS_OF[kind], key: lower(value), learn: true });
    }
  }
}

function detectUnc(line: string, push: Push): void {
  if (!line.includes('\\\\')) {
    return;
  }
  UNC.lastIndex = 0;
  for (let m = UNC.exec(line); m !== null; m = UNC.exec(line)) {
    const server = m[1] as string;
    const start = m.index + m[0].length - server.length;
    if (GENERIC_HOSTS.test(server) || server === '127.0.0.1') {
      continue;
    }
    const isIp = /^\d{1,3}(?:\.\d{1,3}){3}$/.test(server);
    push({ start, end: start + server.length, kind: 'host', ns: isIp ? 'IP' : 'HOST', key: lower(server), learn: !isIp });
  }
}

function detectDomainUsers(line: string, push: Push): void {
  if (!line.includes('\\')) {
    return;
  }
  DOMAIN_USER.lastIndex = 0;
  for (let m = DOMAIN_USER.exec(line); m !== null; m = DOMAIN_USER.exec(line)) {
    const label = (m[1] as string).toLowerCase();
    const domain = m[2] as string;
    const name = m[3] as string;
    const domainStart = m.index + m[0].length - name.length - 1 - domain.length;
    if (!BUILTIN_DOMAINS.test(domain) && !GENERIC_HOSTS.test(domain)) {
      push({ start: domainStart, end: domainStart + domain.length, kind: 'host', ns: 'HOST', key: lower(domain), learn: true });
      // Group and alias names ("Domain Users") are not personal; account names are.
      if (label !== 'group' && label !== 'alias' && !GENERIC_PROFILES.test(name) && !PLACEHOLDER.test(name)) {
        const nameStart = domainStart + domain.length + 1;
        push({ start: nameStart, end: nameStart + name.length, kind: 'user', ns: 'USER', key: lower(name), learn: true });
      }
    }
  }
}

function isPublicIpv4(parts: number[]): boolean {
  const [a, b, c, d] = parts as [number, number, number, number];
  // Unspecified, loopback, broadcast and netmasks name no machine.
  return (a === 0 && b === 0 && c === 0 && d === 0) || a === 127 || a === 255;
}

function detectIpv4(line: string, push: Push): void {
  IPV4.lastIndex = 0;
  for (let m = IPV4.exec(line); m !== null; m = IPV4.exec(line)) {
    const parts = m[0].split('.').map(Number);
    if (parts.some((p) => p > 255) || isPublicIpv4(parts)) {
      continue;
    }
    if (VERSION_CONTEXT.test(line.slice(0, m.index))) {
      continue;
    }
    push({ start: m.index, end: m.index + m[0].length, kind: 'ip', ns: 'IP', key: m[0] });
  }
}

/** Does `s` (no zone) read as an IPv6 address worth hiding? */
function isIpv6(s: string): boolean {
  const halves = s.split('::');
  if (halves.length > 2) {
    return false;
  }
  const groups: string[] = [];
  for (const half of halves) {
    if (half === '') {
      continue;
    }
    for (const g of half.split(':')) {
      if (!/^[0-9A-Fa-f]{1,4}$/.test(g)) {
        return false;
      }
      groups.push(g);
    }
  }
  if (!/\d/.test(s)) {
    return false;
  }
  if (halves.length === 1) {
    return groups.length === 8;
  }
  if (groups.length > 7 || groups.length === 0) {
    return false;
  }
  if (groups.length >= 3) {
    return true;
  }
  // Two groups around `::` (fe80::1c2b) only when the first is a real prefix:
  // link-local fe80–febf, unique-local fc/fd, global 2000–3fff.
  return /^(?:fe[89ab][0-9a-f]|f[cd][0-9a-f]{2}|[23][0-9a-f]{3})$/i.test(halves[0] ?? '') && !/^0*1$/.test(groups[1] ?? '');
}

function detectIpv6(line: string, push: Push): void {
  IPV6.lastIndex = 0;
  for (let m = IPV6.exec(line); m !== null; m = IPV6.exec(line)) {
    const zone = m[0].indexOf('%');
    const addr = zone >= 0 ? m[0].slice(0, zone) : m[0];
    if (!isIpv6(addr)) {
      continue;
    }
    push({ start: m.index, end: m.index + m[0].length, kind: 'ip', ns: 'IP', key: lower(addr) });
  }
}

function detectMac(line: string, push: Push): void {
  MAC.lastIndex = 0;
  for (let m = MAC.exec(line); m !== null; m = MAC.exec(line)) {
    const key = m[0].replace(/[-:]/g, '').toLowerCase();
    if (key === '000000000000' || key === 'ffffffffffff') {
      continue;
    }
    push({ start: m.index, end: m.index + m[0].length, kind: 'mac', ns: 'MAC', key });
  }
}

function detectSids(line: string, push: Push): void {
  if (!line.includes('S-1-') && !line.includes('s-1-')) {
    return;
  }
  for (const re of [SID_DOMAIN, SID_AZURE]) {
    re.lastIndex = 0;
    for (let m = re.exec(line); m !== null; m = re.exec(line)) {
      const part = m[1] as string;
      const start = m.index + m[0].length - part.length;
      push({ start, end: start + part.length, kind: 'sid', ns: 'SID', key: part });
    }
  }
}

const EMAIL_LOCAL = /[A-Za-z0-9._%+-]/;
const EMAIL_DOMAIN = /[A-Za-z0-9.-]/;

function detectEmails(line: string, push: Push): void {
  for (let at = line.indexOf('@'); at >= 0; at = line.indexOf('@', at + 1)) {
    let s = at;
    while (s > 0 && at - s < 64 && EMAIL_LOCAL.test(line[s - 1] as string)) {
      s--;
    }
    let e = at + 1;
    while (e < line.length && e - at < 255 && EMAIL_DOMAIN.test(line[e] as string)) {
      e++;
    }
    while (e > at + 1 && (line[e - 1] === '.' || line[e - 1] === '-')) {
      e--;
    }
    while (s < at && line[s] === '.') {
      s++;
    }
    const domain = line.slice(at + 1, e);
    // A domain with a dot and a letters-only top level: `_Foo@12` (x86 stdcall names) is not mail.
    if (s === at || !/^[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}$/.test(domain)) {
      continue;
    }
    push({ start: s, end: e, kind: 'email', ns: 'EMAIL', key: lower(line.slice(s, e)) });
  }
}

function isPublicHost(host: string, publicHosts: readonly string[]): boolean {
  const h = lower(host);
  return publicHosts.some((p) => {
    const q = lower(p);
    return h === q || h.endsWith(`.${q}`);
  });
}

function detectUrls(line: string, push: Push, publicHosts: readonly string[]): void {
  if (!line.includes('://')) {
    return;
  }
  URL_AUTHORITY.lastIndex = 0;
  for (let m = URL_AUTHORITY.exec(line); m !== null; m = URL_AUTHORITY.exec(line)) {
    const authority = m[2] as string;
    const aStart = m.index + m[0].length - authority.length;
    const at = authority.lastIndexOf('@');
    const hostPort = authority.slice(at + 1);
    // `[v6]:port`, or `host:port`.
    const host = hostPort.startsWith('[') ? hostPort.slice(0, hostPort.indexOf(']') + 1 || hostPort.length) : hostPort.split(':')[0] as string;
    if (host === '' || (at < 0 && isPublicHost(host, publicHosts))) {
      continue;
    }
    const end = aStart + at + 1 + host.length;
    const isIp = host.startsWith('[') || /^\d{1,3}(?:\.\d{1,3}){3}$/.test(host);
    push({ start: aStart, end, kind: 'url', ns: isIp ? 'IP' : 'HOST', key: lower(host.replace(/^\[|\]$/g, '')), learn: !isIp && at < 0 });
  }
}

// ---------------------------------------------------------------------------
// Whole-word pass
// ---------------------------------------------------------------------------

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** Most learned names replaced by the whole-word pass (more would only come from garbage input). */
const MAX_LEARNED = 256;

/** Could this learned value be debugger data, or a word too common to replace everywhere? */
function isLearnable(value: string, text: string): boolean {
  if (value.length < 3 || value.length > 128 || !/[g-zG-Z]/.test(value) || STOP_WORDS.has(lower(value)) || PLACEHOLDER.test(value)) {
    return false;
  }
  // Used as a module in the text (`alice!Foo`, `alice.sys`): leave it to its contexts.
  const asModule = new RegExp(`(?<![\\w])${escapeRegExp(value)}(?:!|\\.(?:sys|dll|exe|drv|ocx|cpl|efi)\\b)`, 'i');
  return !asModule.test(text);
}

// ---------------------------------------------------------------------------
// Driver
// ---------------------------------------------------------------------------

interface Line {
  text: string;
  /** The line break after it ('' for the last line). */
  sep: string;
}

/** Split on CRLF, CR or LF (each ends one line, as the editor counts them). */
function splitLines(text: string): Line[] {
  const lines: Line[] = [];
  const re = /\r\n|\r|\n/g;
  let from = 0;
  for (let m = re.exec(text); m !== null; m = re.exec(text)) {
    lines.push({ text: text.slice(from, m.index), sep: m[0] });
    from = m.index + m[0].length;
  }
  lines.push({ text: text.slice(from), sep: '' });
  return lines;
}

function enabledKinds(options: RedactOptions): Record<RedactKind, boolean> {
  const on = { ...DEFAULT_REDACT_OPTIONS };
  for (const k of REDACT_KINDS) {
    const v = options[k];
    if (typeof v === 'boolean') {
      on[k] = v;
    }
  }
  return on;
}

/** Which kind a learned value of namespace `ns` is replaced under in the whole-word pass. */
const KIND_OF_NS: Partial<Record<Namespace, RedactKind>> = { USER: 'user', HOST: 'host', SERIAL: 'serial' };

/** Candidates of one line, contextual detectors first (they win ties). */
function detectLine(line: string, publicHosts: readonly string[]): Candidate[] {
  const found: Candidate[] = [];
  if (line.length < 4) {
    return found;
  }
  const push: Push = (c) => {
    found.push(c);
  };
  const envLine = /^\s*[A-Za-z_][\w()]*=/.test(line);
  if (line.includes('\\') || line.includes('/')) {
    detectProfilePaths(line, push, envLine);
  }
  detectHomeDirs(line, push);
  detectFields(line, push);
  detectUnc(line, push);
  detectDomainUsers(line, push);
  detectUrls(line, push, publicHosts);
  detectSids(line, push);
  if (line.includes('@')) {
    detectEmails(line, push);
  }
  if (line.includes('.')) {
    detectIpv4(line, push);
  }
  if (line.includes(':')) {
    detectIpv6(line, push);
  }
  if (line.includes('-') || line.includes(':')) {
    detectMac(line, push);
  }
  return found;
}

/** Keep non-overlapping candidates: earliest start, then longest, then first found. */
function resolve(cands: Candidate[]): Candidate[] {
  const order = cands.map((c, i) => ({ c, i }));
  order.sort((x, y) => x.c.start - y.c.start || y.c.end - y.c.start - (x.c.end - x.c.start) || x.i - y.i);
  const kept: Candidate[] = [];
  let reach = -1;
  for (const { c } of order) {
    if (c.start >= reach && c.end > c.start) {
      kept.push(c);
      reach = c.end;
    }
  }
  return kept;
}

interface Scan {
  lines: Line[];
  spans: RedactionSpan[];
}

function scan(text: string, options: RedactOptions): Scan {
  const on = enabledKinds(options);
  const publicHosts = options.publicHosts ?? PUBLIC_HOSTS;
  const lines = splitLines(text);

  // Pass 1: contextual detectors; learn names for the whole-word pass.
  const perLine = new Map<number, Candidate[]>();
  const learned = new Map<string, Namespace>();
  lines.forEach((l, i) => {
    const cands = detectLine(l.text, publicHosts).filter((c) => on[c.kind]);
    if (cands.length === 0) {
      return;
    }
    perLine.set(i, cands);
    for (const c of cands) {
      const kindOfNs = KIND_OF_NS[c.ns];
      if (c.learn === true && kindOfNs !== undefined && on[kindOfNs] && !learned.has(c.key)) {
        learned.set(c.key, c.ns);
      }
    }
  });

  // Pass 2: whole-word occurrences of learned names, longest first in the alternation.
  const names = [...learned.keys()].filter((k) => isLearnable(k, text)).sort((a, b) => b.length - a.length || (a < b ? -1 : 1));
  const wholeWord =
    names.length === 0
      ? null
      : // Not inside a word or a symbol (`!name`, `name!`, `name+0x`); case-insensitive, as Windows names are.
        new RegExp(`(?<![\\w!:])(?:${names.slice(0, MAX_LEARNED).map(escapeRegExp).join('|')})(?![\\w!]|\\+0x)`, 'gi');

  // Placeholders already in the text (a second redaction, or text merged from two) keep their numbers.
  const next: Record<Namespace, number> = { USER: 1, HOST: 1, IP: 1, MAC: 1, SID: 1, SERIAL: 1, EMAIL: 1 };
  PLACEHOLDER_ANYWHERE.lastIndex = 0;
  for (let m = PLACEHOLDER_ANYWHERE.exec(text); m !== null; m = PLACEHOLDER_ANYWHERE.exec(text)) {
    const ns = m[1] as Namespace;
    next[ns] = Math.max(next[ns], Number(m[2]) + 1);
  }
  const assigned = new Map<string, string>();

  const spans: RedactionSpan[] = [];
  lines.forEach((l, i) => {
    const cands = perLine.get(i) ?? [];
    if (wholeWord !== null) {
      wholeWord.lastIndex = 0;
      for (let m = wholeWord.exec(l.text); m !== null; m = wholeWord.exec(l.text)) {
        const key = lower(m[0]);
        const ns = learned.get(key);
        const kind = ns === undefined ? undefined : KIND_OF_NS[ns];
        if (ns !== undefined && kind !== undefined) {
          cands.push({ start: m.index, end: m.index + m[0].length, kind, ns, key });
        }
      }
    }
    if (cands.length === 0) {
      return;
    }
    for (const c of resolve(cands)) {
      const id = `${c.ns}:${c.key}`;
      let placeholder = assigned.get(id);
      if (placeholder === undefined) {
        placeholder = `<${c.ns}${next[c.ns]++}>`;
        assigned.set(id, placeholder);
      }
      spans.push({ line: i + 1, start: c.start, end: c.end, kind: c.kind, original: l.text.slice(c.start, c.end), placeholder });
    }
  });
  return { lines, spans };
}

/**
 * Every replacement `redact` would make, by line, for a preview: 1-based
 * `line`, 0-based `[start, end)` columns of the original line (lines split at
 * CRLF, CR or LF, as the editor counts them).
 */
export function previewRedaction(text: string, options: RedactOptions = {}): RedactionSpan[] {
  return scan(text, options).spans;
}

/**
 * Replace identifiers by numbered placeholders (`<USER1>`, `<HOST1>`, `<IP1>`,
 * `<MAC1>`, `<SID1>`, `<SERIAL1>`, `<EMAIL1>`). Pure; idempotent; never
 * changes the number of lines or any line without an identifier.
 */
export function redact(text: string, options: RedactOptions = {}): RedactResult {
  const { lines, spans } = scan(text, options);
  return applySpans(lines, spans);
}

/**
 * `redact` and `previewRedaction` in one pass over the text (the share worker
 * needs both): the redacted text, its counts, and every span with the text of
 * its line (`lineText(n)`, 1-based).
 */
export function redactDetailed(text: string, options: RedactOptions = {}): RedactResult & { spans: RedactionSpan[]; lineText: (line: number) => string } {
  const { lines, spans } = scan(text, options);
  return { ...applySpans(lines, spans), spans, lineText: (line) => lines[line - 1]?.text ?? '' };
}

function applySpans(lines: ReturnType<typeof scan>['lines'], spans: RedactionSpan[]): RedactResult {
  const counts: Record<RedactKind, number> = { user: 0, host: 0, ip: 0, mac: 0, sid: 0, serial: 0, email: 0, url: 0 };
  const replacements: Replacement[] = [];
  const seen = new Set<string>();
  const out: string[] = [];
  let s = 0;
  lines.forEach((l, i) => {
    let pos = 0;
    let piece = '';
    for (; s < spans.length && (spans[s] as RedactionSpan).line === i + 1; s++) {
      const span = spans[s] as RedactionSpan;
      piece += l.text.slice(pos, span.start) + span.placeholder;
      pos = span.end;
      counts[span.kind]++;
      const id = `${span.kind}\u0000${span.original}`;
      if (!seen.has(id)) {
        seen.add(id);
        replacements.push({ kind: span.kind, original: span.original, placeholder: span.placeholder });
      }
    }
    out.push(pos === 0 ? l.text : piece + l.text.slice(pos), l.sep);
  });
  return { text: out.join(''), counts, replacements };
}
