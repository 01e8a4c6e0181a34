/**
 * Third-party modules met in published debugger sessions but absent from the
 * generated table (data/drivers-3p.ts). Each row names where it was seen, and
 * the vendor as that source states it. Keys: lower-case base names.
 *
 * `crashTool` marks drivers whose purpose is to crash the machine on demand
 * (a crash they cause is a manual crash, not a driver fault).
 */

/** A curated row. */
export interface CuratedDriver {
  vendor: string;
  product: string;
  source: string;
  crashTool?: boolean;
}

export const CURATED_DRIVERS: Readonly<Record<string, CuratedDriver>> = {
  myfault: {
    vendor: 'Sysinternals (Microsoft)',
    product: 'NotMyFault crash-test driver: crashes or hangs the system on request',
    source: 'learn.microsoft.com/sysinternals/downloads/notmyfault; the debugger prints "This is a myfault.sys dump"',
    crashTool: true,
  },
  cfosspeed6: {
    vendor: 'cFos (cFosSpeed)',
    product: 'cFosSpeed traffic-shaping driver, version 6',
    source: 'seed session s07 (0x101 analysis); same product as cfosspeed.sys in the pool-tag list (tag cfsp)',
  },
  zteusbnet: {
    vendor: 'ZTE',
    product: 'USB mobile-broadband network adapter driver',
    source: 'seed session s04 (\\Driver\\ZTEusbnet over usbccgp)',
  },
  teefer2: {
    vendor: 'Symantec (Norton)',
    product: 'Teefer2 NDIS firewall filter (Symantec Endpoint Protection / Norton)',
    source: 'published 0x9F analysis (mikemstech.blogspot.com) naming teefer2.sys',
  },
  netkvm: {
    vendor: 'Red Hat (virtio-win)',
    product: 'VirtIO network adapter driver for KVM/QEMU guests',
    source: 'github.com/virtio-win/kvm-guest-drivers-windows (NetKVM folder; issues #85, #89, #350)',
  },
  viostor: {
    vendor: 'Red Hat (virtio-win)',
    product: 'VirtIO block storage driver for KVM/QEMU guests',
    source: 'github.com/virtio-win/kvm-guest-drivers-windows (viostor folder)',
  },
  vioscsi: {
    vendor: 'Red Hat (virtio-win)',
    product: 'VirtIO SCSI storage driver for KVM/QEMU guests',
    source: 'github.com/virtio-win/kvm-guest-drivers-windows (vioscsi folder)',
  },
  scpvbus: {
    vendor: 'ScpToolkit project',
    product: 'ScpToolkit virtual bus driver for game controllers',
    source: 'github.com/nefarius/ScpToolkit issue #29',
  },
  'winfsp-x64': {
    vendor: 'WinFsp project (Bill Zissimopoulos)',
    product: 'WinFsp file-system proxy driver',
    source: 'github.com/winfsp/winfsp issues #97, #539',
  },
  'winfsp-x86': {
    vendor: 'WinFsp project (Bill Zissimopoulos)',
    product: 'WinFsp file-system proxy driver',
    source: 'github.com/winfsp/winfsp issues #97, #539',
  },
  dynamorio: {
    vendor: 'DynamoRIO project',
    product: 'DynamoRIO dynamic instrumentation runtime (user mode)',
    source: 'github.com/DynamoRIO/drmemory issue #1676',
  },
  drmemory: {
    vendor: 'Dr. Memory project',
    product: 'Dr. Memory memory debugger (user mode)',
    source: 'github.com/DynamoRIO/drmemory issue #1676',
  },
};
