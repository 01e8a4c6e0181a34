import { describe, expect, it } from 'vitest';
import { irpMajorName, irpMinorName, isFltMgrPseudoMajor } from '../../../src/analyzers/knowledge/irp-codes';

describe('irpMajorName', () => {
  it('names the majors that !irp prints, [1b,17] included', () => {
    expect(irpMajorName(0x1b)).toBe('IRP_MJ_PNP');
    expect(irpMajorName(0x00)).toBe('IRP_MJ_CREATE');
    expect(irpMajorName(0x16)).toBe('IRP_MJ_POWER');
    expect(irpMajorName(0x0e)).toBe('IRP_MJ_DEVICE_CONTROL');
  });

  it('prefers the first name of an aliased value', () => {
    expect(irpMajorName(0x0f)).toBe('IRP_MJ_INTERNAL_DEVICE_CONTROL');
  });

  it('names the filter manager pseudo-majors and flags them', () => {
    expect(irpMajorName(0xff)).toBe('IRP_MJ_ACQUIRE_FOR_SECTION_SYNCHRONIZATION');
    expect(irpMajorName(0xec)).toBe('IRP_MJ_VOLUME_DISMOUNT');
    expect(isFltMgrPseudoMajor(0xff)).toBe(true);
    expect(isFltMgrPseudoMajor(0x1b)).toBe(false);
  });

  it('returns undefined for unused values and non-bytes', () => {
    expect(irpMajorName(0x1c)).toBeUndefined();
    expect(irpMajorName(0x100)).toBeUndefined();
    expect(irpMajorName(-1)).toBeUndefined();
  });
});

describe('irpMinorName', () => {
  it('names PnP minors: [1b,17] is IRP_MN_SURPRISE_REMOVAL', () => {
    expect(irpMinorName(0x1b, 0x17)).toBe('IRP_MN_SURPRISE_REMOVAL');
    expect(irpMinorName(0x1b, 0x02)).toBe('IRP_MN_REMOVE_DEVICE');
    expect(irpMinorName(0x1b, 0x18)).toBe('IRP_MN_QUERY_LEGACY_BUS_INFORMATION');
  });

  it('names power, WMI, SCSI and file-system minors under their own majors', () => {
    expect(irpMinorName(0x16, 0x02)).toBe('IRP_MN_SET_POWER');
    expect(irpMinorName(0x17, 0x0b)).toBe('IRP_MN_REGINFO_EX');
    expect(irpMinorName(0x0f, 0x01)).toBe('IRP_MN_SCSI_CLASS');
    expect(irpMinorName(0x0d, 0x01)).toBe('IRP_MN_MOUNT_VOLUME');
    expect(irpMinorName(0x0c, 0x02)).toBe('IRP_MN_NOTIFY_CHANGE_DIRECTORY');
  });

  it('names the read/write modifier minors for both reads and writes', () => {
    expect(irpMinorName(0x03, 0x02)).toBe('IRP_MN_MDL');
    expect(irpMinorName(0x04, 0x07)).toBe('IRP_MN_COMPLETE_MDL_DPC');
  });

  it('returns undefined for a minor of a major without minors, or an unknown minor', () => {
    expect(irpMinorName(0x0e, 0x00)).toBeUndefined();
    expect(irpMinorName(0x1b, 0x0e)).toBeUndefined();
    expect(irpMinorName(0x1b, 0x100)).toBeUndefined();
  });
});
