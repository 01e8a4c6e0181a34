import { expect } from 'vitest';
import { poolUsage } from '../../../../src/analyzers/verdict/rules/pool-usage';
import { bugcheckBanner, kv } from '../../../fixtures/builders';
import { ruleTester } from '../rule-tester';

// !vm of a machine whose non-paged pool is spent (as in the x64 !vm fixture).
const VM_EXHAUSTED = `3: kd> !vm

*** Virtual Memory Usage ***
    Physical Memory:     1036418 (   4145672 Kb)
    Available Pages:      100902 (    403608 Kb)
    NonPagedPool Usage:   764909 (   3059636 Kb)
    NonPagedPool Max:     764972 (   3059888 Kb)
    ********** Excessive NonPaged Pool Usage *****`;
const VM_FINE = VM_EXHAUSTED.replace('764909 (   3059636 Kb)', ' 64909 (    259636 Kb)').replace(/\n.*Excessive.*$/, '');
const VM_LINE = 3;

/** `!poolused 2` (sorted by non-paged bytes) with the given top row, a Microsoft row and the totals. */
const poolused = (tag: string, bytes: number, description: string): string => `3: kd> !poolused 2

   Sorting by NonPaged Pool Consumed

                  NonPaged                  Paged
   Tag     Allocs         Used     Allocs         Used

   ${tag.padEnd(4)}    812345    ${bytes}          0            0  ${description}
   MmCa     31350      3130992          0            0  Mm control areas for mapped files , Binary: nt!mm

   TOTAL    843695    ${bytes + 4130992}          0            0`;
const TOP_ROW = 8;
const ACME_TAG = (bytes: number) => poolused('Acme', bytes, "UNKNOWN pooltag 'Acme', please update pooltag.txt , Binary: acmefilt.sys");
const SE_TAG = poolused('Se', 200_000_000, 'General security allocations , Binary: nt!se');

// `ln` of a hit of the search for the API's address, inside a driver without symbols (as in s14).
const LN_API = `0: kd> ln 8096c909
(8096c8cc)   nt!SeQueryInformationToken+0x3d   |  (8096cdc0)   nt!SeCaptureObjectTypeList`;
// A memory search for the API's address, then `ln` on a hit.
const SEARCH = `0: kd> s -d 80000000 L?7fffffff 8096c909
b94b5938  8096c909 00000000 00000000 00000000  ................`;
const LN_HIT = `0: kd> ln b94b5938
*** ERROR: Module load completed but symbols could not be loaded for acmefilt.sys`;
// `lm` gives acmefilt's base; `dps` on its import table lists the API.
const LM = `0: kd> lm
start    end        module name
80800000 80a5d000   nt
b8f04000 b8f0de80   acmefilt   (deferred)`;
const DPS_IMPORTS = `0: kd> dps b8f04000+7880 b8f04000+7880+8
b8f0b880  f7873892 fltMgr!FltGetStreamHandleContext
b8f0b884  8096c8cc nt!SeQueryInformationToken
b8f0b888  8096000a nt!RtlValidSid`;

const DOUBLE_FAULT = bugcheckBanner('7F', ['8', '80050031', '6f8', 'fffff80002e5e0a4']);
const ALLOCATING = kv(['nt!KeBugCheckEx', 'nt!ExAllocatePoolWithTag+0x1e3', 'acmefilt+0x1a55', 'nt!IofCallDriver+0x59']);

/** `!poolused 2` cut after a few rows (no TOTAL line): an unowned tag far ahead of the rest. */
const CUT_LISTING = (bytes: number) => `8: kd> !poolused 2
 Sorting by NonPaged Pool Consumed
               NonPaged                  Paged
 Tag     Allocs         Used     Allocs         Used
 Qzx1   5768754   ${bytes}         32         9360	UNKNOWN pooltag 'Qzx1', please update pooltag.txt
 IoWI   5769999    646239888          0            0	Io work items , Binary: nt!io
 EtwB      1428    254173440          6       196608	Etw Buffer , Binary: nt!etw`;
/** A breakpoint on the allocator hit: the third-party caller is below it. */
const ALLOC_BREAK = kv(['nt!ExAllocatePool2', 'Wdf01000!FxPoolAllocator+0x81', 'acmebus!AcmeWorkItemCreate+0xd0', 'nt!KiExecuteAllDpcs+0x67e'], '8: kd>');

ruleTester(poolUsage, {
  invalid: [
    {
      name: 'reads an unowned tag of gigabytes, far ahead of the next, in a listing without totals as a leak, and blames the caller of the allocator on a stack',
      text: `${CUT_LISTING(1938325232)}\n${ALLOC_BREAK}`,
      signal: 'pool-leak',
      blames: 'acmebus',
      check: (out) => {
        expect(out.findings[0]?.title).toBe("Evidence of a pool leak: pool tag 'Qzx1' holds 1.8 GiB of non-paged pool, 3.0× the next tag");
        expect(out.evidence).toHaveLength(1);
        expect(out.evidence[0]?.weight).toBeLessThan(0.5);
      },
    },
    {
      name: 'reads a non-paged pool used to its maximum in !vm as a pool leak',
      text: VM_EXHAUSTED,
      signal: 'pool-leak',
      check: (out) => {
        expect(out.findings).toEqual([{ id: 'signal.pool-leak', lines: [VM_LINE], title: 'Evidence of a pool leak: non-paged pool is exhausted (99.99% of its maximum)' }]);
        expect(out.category).toBe('pool-leak');
      },
    },
    {
      name: 'reads a paged pool used to its maximum the same way',
      text: `1: kd> !vm

*** Virtual Memory Usage ***
    Physical Memory:      130724 (    522896 Kb)
    NonPagedPool Usage:     3870 (     15480 Kb)
    NonPagedPool Max:      64000 (    256000 Kb)
    PagedPool Usage:      130000 (    520000 Kb)
    PagedPool Maximum:    131072 (    524288 Kb)`,
      signal: 'pool-leak',
      check: (out) => expect(out.findings[0]?.title).toBe('Evidence of a pool leak: paged pool is exhausted (99.18% of its maximum)'),
    },
    {
      name: 'reads a tag dominating paged pool in !poolused 4',
      text: `0: kd> !poolused /t10 4

    Sorting by Paged Pool Consumed

                   NonPaged                  Paged
    Tag     Allocs         Used     Allocs         Used

    Acme         0            0     172204    232720312  Acme filter contexts , Binary: acmefilt.sys
    MmSt         0            0      15231     31835696  Mm section object prototype ptes , Binary: nt!mm

    TOTAL    192495     33751032     347461    310172416`,
      blames: 'acmefilt',
      signal: 'pool-leak',
      check: (out) => expect(out.evidence[0]?.text).toBe("pool tag 'Acme' (owner acmefilt) is the largest paged pool consumer while that pool is dominated by it"),
    },
    {
      name: "blames the third-party owner of a tag holding most of the pool (the Binary column)",
      text: ACME_TAG(200_000_000),
      blames: 'acmefilt',
      signal: 'pool-leak',
      check: (out) =>
        expect(out.evidence).toEqual([
          { module: 'acmefilt', weight: 0.55, line: TOP_ROW, text: "pool tag 'Acme' (owner acmefilt) is the largest non-paged pool consumer while that pool is dominated by it" },
        ]),
    },
    {
      name: 'blames the owner of the largest tag while pool is exhausted, even when it holds little',
      text: `${VM_EXHAUSTED}\n${poolused('Acme', 4_000_000, 'Acme filter , Binary: acmefilt.sys')}`,
      blames: 'acmefilt',
      check: (out) => expect(out.evidence[0]?.text).toBe("pool tag 'Acme' (owner acmefilt) is the largest non-paged pool consumer while that pool is exhausted"),
    },
    {
      name: 'reads a tag holding most of the pool as a leak even when nobody is known to own it',
      text: poolused('Acme', 200_000_000, "UNKNOWN pooltag 'Acme', please update pooltag.txt"),
      signal: 'pool-leak',
      check: (out) => {
        expect(out.findings).toEqual([{ id: 'signal.pool-leak', lines: [TOP_ROW], title: "Evidence of a pool leak: pool tag 'Acme' holds 98% of non-paged pool" }]);
        expect(out.evidence).toEqual([]);
      },
    },
    {
      name: 'sends the reader to the callers of the API when a Microsoft tag dominates',
      text: SE_TAG,
      finding: 'pool.owner-microsoft',
      signal: 'pool-leak',
      check: (out) => {
        expect(out.evidence).toEqual([]);
        expect(out.findings.find((f) => f.id === 'pool.owner-microsoft')?.title).toBe(
          "Tag 'Se  ' belongs to nt!se: Microsoft code allocates it on behalf of a caller; look for the drivers that call the allocating API",
        );
      },
    },
    {
      name: 'blames the driver in which ln places a pointer to the allocating API that a memory search found',
      text: [SE_TAG, LN_API, SEARCH, LN_HIT].join('\n'),
      blames: 'acmefilt',
      check: (out) =>
        expect(out.evidence).toEqual([{ module: 'acmefilt', weight: 0.3, line: 17, text: 'a pointer to nt!SeQueryInformationToken was found inside it (ln b94b5938)' }]),
    },
    {
      name: 'blames the driver whose import table (dps on its base from lm) lists the allocating API',
      text: [SE_TAG, LN_API, LM, DPS_IMPORTS].join('\n'),
      blames: 'acmefilt',
      check: (out) =>
        expect(out.evidence).toEqual([
          { module: 'acmefilt', weight: 0.3, line: 20, text: 'its import table (dps b8f04000+7880 b8f04000+7880+8) lists nt!SeQueryInformationToken' },
        ]),
    },
    {
      name: 'blames a third-party frame calling ExAllocatePoolWithTag on the faulting stack while pool is exhausted',
      text: `${DOUBLE_FAULT}\n${VM_EXHAUSTED}\n${ALLOCATING}`,
      blames: 'acmefilt',
      check: (out) => expect(out.evidence).toEqual([{ module: 'acmefilt', weight: 0.35, line: 14, text: 'acmefilt+0x1a55 calls ExAllocatePoolWithTag while pool is exhausted' }]),
    },
  ],
  valid: [
    { name: 'a listing without totals whose top tag is not far ahead of the next', text: `${CUT_LISTING(700000000)}\n${ALLOC_BREAK}` },
    { name: '!vm of a pool far from its maximum', text: VM_FINE },
    { name: 'a third-party tag that is the largest but holds little of a pool that is not exhausted', text: ACME_TAG(20_000_000) },
    { name: 'a third-party frame calling ExAllocatePoolWithTag while pool is fine', text: `${DOUBLE_FAULT}\n${VM_FINE}\n${ALLOCATING}` },
    { name: 'ln and import tables of a driver without any pool problem', text: [LN_API, LN_HIT, LM, DPS_IMPORTS].join('\n') },
  ],
});
