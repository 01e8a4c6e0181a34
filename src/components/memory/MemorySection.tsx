import { canonicalModuleName, classifyModule } from '../../analyzers/knowledge/modules';
import type { AnalysisReport, PoolBlockData, PoolTagUsage, PoolUsedData, VmInfo } from '../../analyzers/types';
import { Section, SubSection } from '../results/Section';
import { SortableTable, type Column } from '../results/SortableTable';
import { useKnowledge, type Knowledge } from '../results/use-knowledge';
import { LineButton } from '../verdict/LineButton';
import { ChartFigure } from './ChartFigure';
import { formatBytes, formatCount, formatKb, formatPercent } from './format';

/** Share of a maximum at which the analyzers call a pool exhausted (src/analyzers/vm.ts). */
export const EXHAUSTED_SHARE = 0.9;
/** Bars in a top-N chart; the table lists every row. */
const TOP = 10;

interface UsageRow {
  name: string;
  usedKb: number;
  /** Part of `usedKb` in the NX non-paged pool. */
  nxKb?: number;
  maxKb: number;
}

/** Pools and commit that have both a usage and a maximum. */
function usageRows(vm: VmInfo): UsageRow[] {
  const rows: UsageRow[] = [];
  if ((vm.nonPagedUsageKb !== undefined || vm.nonPagedNxUsageKb !== undefined) && vm.nonPagedMaxKb) {
    const row: UsageRow = { name: 'Non-paged pool', usedKb: (vm.nonPagedUsageKb ?? 0) + (vm.nonPagedNxUsageKb ?? 0), maxKb: vm.nonPagedMaxKb };
    if (vm.nonPagedNxUsageKb !== undefined) {
      row.nxKb = vm.nonPagedNxUsageKb;
    }
    rows.push(row);
  }
  if (vm.pagedUsageKb !== undefined && vm.pagedMaxKb) {
    rows.push({ name: 'Paged pool', usedKb: vm.pagedUsageKb, maxKb: vm.pagedMaxKb });
  }
  if (vm.commitKb !== undefined && vm.commitLimitKb) {
    rows.push({ name: 'Commit', usedKb: vm.commitKb, maxKb: vm.commitLimitKb });
  }
  return rows;
}

function UsageTable({ rows }: { rows: UsageRow[] }) {
  return (
    <table className="data-table">
      <caption className="visually-hidden">Usage against maximum</caption>
      <thead>
        <tr>
          <th scope="col">What</th>
          <th scope="col" className="num">
            Used
          </th>
          <th scope="col" className="num">
            Maximum
          </th>
          <th scope="col" className="num">
            Share
          </th>
        </tr>
      </thead>
      <tbody>
        {rows.map((r) => (
          <tr key={r.name} className={r.usedKb / r.maxKb >= EXHAUSTED_SHARE ? 'is-over' : undefined}>
            <th scope="row">
              {r.name}
              {r.nxKb !== undefined ? <span className="cell-sub">of which NX {formatKb(r.nxKb)}</span> : null}
            </th>
            <td className="num">{formatKb(r.usedKb)}</td>
            <td className="num">{formatKb(r.maxKb)}</td>
            <td className="num">{formatPercent(r.usedKb / r.maxKb)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function VmBlock({ vm, multiple }: { vm: VmInfo; multiple: boolean }) {
  const rows = usageRows(vm);
  const facts: [string, string][] = [];
  if (vm.physicalKb !== undefined) {
    facts.push(['Physical memory', formatKb(vm.physicalKb)]);
  }
  if (vm.availableKb !== undefined) {
    facts.push(['Available', formatKb(vm.availableKb)]);
  }
  if (vm.commitKb !== undefined) {
    facts.push(['Committed', vm.commitLimitKb ? `${formatKb(vm.commitKb)} of ${formatKb(vm.commitLimitKb)}` : formatKb(vm.commitKb)]);
  }
  const over = rows.filter((r) => r.usedKb / r.maxKb >= EXHAUSTED_SHARE);
  const pct = (r: UsageRow) => Math.min(100, (r.usedKb / r.maxKb) * 100);
  return (
    <SubSection title={multiple ? `Virtual memory (!vm, line ${vm.line})` : 'Virtual memory'} tools={<LineButton line={vm.line} />}>
      {facts.length > 0 ? (
        <dl className="facts facts-inline">
          {facts.map(([k, v]) => (
            <div key={k}>
              <dt>{k}</dt>
              <dd>{v}</dd>
            </div>
          ))}
        </dl>
      ) : null}
      {vm.banners.map((b) => (
        <p key={b.line} className="inline-alert">
          <strong>!vm warns:</strong> {b.text} <LineButton line={b.line} />
        </p>
      ))}
      {rows.length > 0 ? (
        <ChartFigure
          title="Pool and commit against their maximum"
          note={
            over.length > 0 ? (
              <span className="over-note">
                {over.map((r) => `${r.name} at ${formatPercent(r.usedKb / r.maxKb)}`).join('; ')}: past the exhaustion threshold ({formatPercent(EXHAUSTED_SHARE)}).
              </span>
            ) : (
              <span className="muted">Dashed line: exhaustion threshold ({formatPercent(EXHAUSTED_SHARE)} of the maximum).</span>
            )
          }
          chart={{
            data: rows.map((r) => {
              const nx = r.nxKb !== undefined ? (r.nxKb / r.maxKb) * 100 : 0;
              const d = { label: r.name, value: Math.max(0, pct(r) - nx), highlight: r.usedKb / r.maxKb >= EXHAUSTED_SHARE };
              return nx > 0 ? { ...d, extra: Math.min(nx, 100 - d.value) } : d;
            }),
            unit: 'percent',
            max: 100,
            reference: { value: EXHAUSTED_SHARE * 100, label: 'exhausted' },
            valueName: 'Used',
            extraName: 'NX',
            summary: `Usage against maximum: ${rows.map((r) => `${r.name} ${formatPercent(r.usedKb / r.maxKb)}`).join(', ')}.`,
          }}
          table={<UsageTable rows={rows} />}
        />
      ) : null}
      {vm.pagedPools.length > 1 ? <PagedPools vm={vm} /> : null}
      {vm.processes.length > 0 ? <ProcessMemory vm={vm} /> : null}
    </SubSection>
  );
}

function PagedPools({ vm }: { vm: VmInfo }) {
  const total = vm.pagedPools.reduce((a, p) => a + p.kb, 0);
  const mean = total / vm.pagedPools.length;
  return (
    <ChartFigure
      title="Usage per paged pool"
      note={<span className="muted">One pool far above the others points at a single heavy consumer.</span>}
      chart={{
        data: vm.pagedPools.map((p) => ({ label: `Paged pool ${p.index}`, value: p.kb, highlight: p.kb > 2 * mean })),
        unit: 'kb',
        valueName: 'Used',
        summary: `Paged pools: ${vm.pagedPools.map((p) => `pool ${p.index} ${formatKb(p.kb)}`).join(', ')}.`,
      }}
      table={
        <table className="data-table">
          <caption className="visually-hidden">Usage per paged pool</caption>
          <thead>
            <tr>
              <th scope="col">Pool</th>
              <th scope="col" className="num">
                Used
              </th>
              <th scope="col" className="num">
                Share of paged pool
              </th>
            </tr>
          </thead>
          <tbody>
            {vm.pagedPools.map((p) => (
              <tr key={p.index}>
                <th scope="row">Paged pool {p.index}</th>
                <td className="num">{formatKb(p.kb)}</td>
                <td className="num">{total > 0 ? formatPercent(p.kb / total) : '—'}</td>
              </tr>
            ))}
          </tbody>
        </table>
      }
    />
  );
}

function ProcessMemory({ vm }: { vm: VmInfo }) {
  type Row = VmInfo['processes'][number];
  const top = [...vm.processes].sort((a, b) => b.kb - a.kb).slice(0, TOP);
  const columns: Column<Row>[] = [
    { key: 'image', label: 'Process', rowHeader: true, sortValue: (p) => p.image, render: (p) => p.image },
    { key: 'pid', label: 'PID', sortValue: (p) => Number.parseInt(p.pid, 16), render: (p) => <code>{p.pid}</code> },
    { key: 'kb', label: 'Private', className: 'num', descendingFirst: true, sortValue: (p) => p.kb, render: (p) => formatKb(p.kb) },
    { key: 'line', label: 'Line', className: 'num', sortValue: (p) => p.line, render: (p) => <LineButton line={p.line} /> },
  ];
  return (
    <ChartFigure
      title="Private memory per process"
      chart={{
        data: top.map((p) => ({ label: `${p.image} (${p.pid})`, value: p.kb })),
        unit: 'kb',
        valueName: 'Private',
        labelWidth: 180,
        summary: `Largest private memory: ${top
          .slice(0, 3)
          .map((p) => `${p.image} ${formatKb(p.kb)}`)
          .join(', ')}.`,
      }}
      table={<SortableTable caption="Private memory per process" columns={columns} rows={vm.processes} rowKey={(p) => `${p.pid}-${p.line}`} initialSort={{ key: 'kb', direction: 'descending' }} />}
    />
  );
}

/** The owner of a tag: the debugger's `Binary:` column, else our pool tag table. */
export function tagOwner(tag: PoolTagUsage, k: Knowledge | null): string | undefined {
  return tag.binary ?? k?.describePoolTag(tag.tag)?.binary;
}

function isThirdPartyOwner(owner: string | undefined): boolean {
  if (owner === undefined) {
    return false;
  }
  const module = canonicalModuleName(owner.replace(/!.*$/, ''));
  return classifyModule(module) !== 'microsoft';
}

function PoolTags({ data, multiple }: { data: PoolUsedData; multiple: boolean }) {
  const k = useKnowledge();
  const kinds = [
    { name: 'Non-paged', bytes: (t: PoolTagUsage) => t.nonPagedBytes, allocs: (t: PoolTagUsage) => t.nonPagedAllocs },
    { name: 'Paged', bytes: (t: PoolTagUsage) => t.pagedBytes, allocs: (t: PoolTagUsage) => t.pagedAllocs },
  ].filter((kind) => data.tags.some((t) => kind.bytes(t) > 0));
  // The sort order the debugger used first.
  if (data.sortedBy === 'paged') {
    kinds.reverse();
  }
  const columns: Column<PoolTagUsage>[] = [
    { key: 'tag', label: 'Tag', rowHeader: true, sortValue: (t) => t.tag, render: (t) => <code className="pool-tag">{t.tag.trimEnd() || '?'}</code> },
    {
      key: 'owner',
      label: 'Owner',
      sortValue: (t) => tagOwner(t, k),
      render: (t) => {
        const owner = tagOwner(t, k);
        return owner ? <span className={isThirdPartyOwner(owner) ? 'owner-third' : undefined}>{owner}</span> : <span className="muted">unknown</span>;
      },
    },
    { key: 'desc', label: 'Description', sortValue: (t) => t.description, render: (t) => t.description ?? '' },
    { key: 'npa', label: 'NP allocs', className: 'num', descendingFirst: true, sortValue: (t) => t.nonPagedAllocs, render: (t) => formatCount(t.nonPagedAllocs) },
    { key: 'npb', label: 'NP used', className: 'num', descendingFirst: true, sortValue: (t) => t.nonPagedBytes, render: (t) => formatBytes(t.nonPagedBytes) },
    { key: 'pa', label: 'P allocs', className: 'num', descendingFirst: true, sortValue: (t) => t.pagedAllocs, render: (t) => formatCount(t.pagedAllocs) },
    { key: 'pb', label: 'P used', className: 'num', descendingFirst: true, sortValue: (t) => t.pagedBytes, render: (t) => formatBytes(t.pagedBytes) },
    { key: 'line', label: 'Line', className: 'num', sortValue: (t) => t.line, render: (t) => <LineButton line={t.line} /> },
  ];
  return (
    <SubSection title={multiple ? `Pool tags (!poolused, line ${data.tags[0]?.line ?? ''})` : 'Pool tags'} count={data.tags.length}>
      {kinds.map((kind) => {
        const top = [...data.tags].filter((t) => kind.bytes(t) > 0).sort((a, b) => kind.bytes(b) - kind.bytes(a)).slice(0, TOP);
        const total = data.total ? (kind.name === 'Paged' ? data.total.pagedBytes : data.total.nonPagedBytes) : undefined;
        return (
          <ChartFigure
            key={kind.name}
            title={`Top ${kind.name.toLowerCase()} pool tags`}
            note={
              total ? (
                <span className="muted">
                  {kind.name} pool in use by all tags: {formatBytes(total)}. Orange: owner outside Windows.
                </span>
              ) : (
                <span className="muted">Orange: owner outside Windows.</span>
              )
            }
            chart={{
              data: top.map((t) => {
                const owner = tagOwner(t, k);
                return { label: `${t.tag.trimEnd() || '?'}${owner ? ` · ${owner}` : ''}`, value: kind.bytes(t), highlight: isThirdPartyOwner(owner) };
              }),
              unit: 'bytes',
              valueName: `${kind.name} used`,
              labelWidth: 170,
              summary: `Top ${kind.name.toLowerCase()} pool tags: ${top
                .slice(0, 3)
                .map((t) => `${t.tag.trimEnd()} ${formatBytes(kind.bytes(t))}`)
                .join(', ')}.`,
            }}
            table={
              <SortableTable
                caption={`Pool tags by ${kind.name.toLowerCase()} use`}
                columns={columns}
                rows={data.tags}
                rowKey={(t, i) => `${t.tag}-${i}`}
                initialSort={{ key: kind.name === 'Paged' ? 'pb' : 'npb', direction: 'descending' }}
              />
            }
          />
        );
      })}
    </SubSection>
  );
}

function PoolPage({ pool }: { pool: PoolBlockData }) {
  return (
    <li className="pool-page">
      <div className="pool-page-head">
        {pool.address ? <code>{pool.address}</code> : null}
        {pool.region ? <span className="muted">{pool.region}</span> : null}
        {pool.ownerTag ? (
          <span>
            owner tag <code className="pool-tag">{pool.ownerTag.tag}</code>
            {pool.ownerTag.binary ? <span className={isThirdPartyOwner(pool.ownerTag.binary) ? 'owner-third' : undefined}> · {pool.ownerTag.binary}</span> : null}
            {pool.ownerTag.description ? <span className="muted"> · {pool.ownerTag.description}</span> : null}
          </span>
        ) : null}
      </div>
      {pool.blocks.length > 0 ? (
        <table className="data-table compact">
          <caption className="visually-hidden">Pool blocks around {pool.address ?? 'the address'}</caption>
          <thead>
            <tr>
              <th scope="col">Block</th>
              <th scope="col" className="num">
                Size
              </th>
              <th scope="col">Tag</th>
              <th scope="col">State</th>
              <th scope="col" className="num">
                Line
              </th>
            </tr>
          </thead>
          <tbody>
            {pool.blocks.map((b) => (
              <tr key={b.line} className={b.current ? 'is-current' : undefined}>
                <th scope="row">
                  <code>{b.address}</code>
                  {b.current ? <span className="badge badge-current">asked about</span> : null}
                </th>
                <td className="num">
                  <code>{b.size}</code>
                </td>
                <td>
                  <code className="pool-tag">{b.tag}</code>
                </td>
                <td>{b.allocated ? 'allocated' : 'free'}</td>
                <td className="num">
                  <LineButton line={b.line} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
    </li>
  );
}

/** Memory: pool and commit against their maximum, per paged pool, top pool tags with owners, per-process private memory, pool pages. */
export function MemorySection({ report }: { report: AnalysisReport }) {
  const { vm, poolUsed, pools } = report.memory;
  if (vm.length === 0 && poolUsed.length === 0 && pools.length === 0) {
    return null;
  }
  return (
    <Section id="memory" label="Memory" className="memory">
      {vm.map((v) => (
        <VmBlock key={v.line} vm={v} multiple={vm.length > 1} />
      ))}
      {poolUsed.map((p, i) => (
        <PoolTags key={i} data={p} multiple={poolUsed.length > 1} />
      ))}
      {pools.length > 0 ? (
        <SubSection title="Pool pages (!pool)" count={pools.length}>
          <ul className="pool-pages">
            {pools.map((p, i) => (
              <PoolPage key={i} pool={p} />
            ))}
          </ul>
        </SubSection>
      ) : null}
    </Section>
  );
}
