import type { AnalysisReport, CpuInfoData, VerifierData, WheaRecord } from '../../analyzers/types';
import { Section, SubSection } from '../results/Section';
import { LineButton } from '../verdict/LineButton';

type Fact = [label: string, value: string | number | undefined];

function Facts({ facts }: { facts: Fact[] }) {
  return (
    <dl className="facts facts-grid">
      {facts
        .filter(([, v]) => v !== undefined && v !== '')
        .map(([k, v]) => (
          <div key={k}>
            <dt>{k}</dt>
            <dd>{v}</dd>
          </div>
        ))}
    </dl>
  );
}

function WheaCard({ record }: { record: WheaRecord }) {
  const fatal = /fatal/i.test(record.severity ?? '');
  return (
    <article className={`whea-card${fatal ? ' is-fatal' : ''}`} aria-label={`WHEA error record ${record.address ?? ''}`.trim()}>
      <header className="whea-head">
        <span className="whea-title">{record.errorType ?? 'Hardware error'}</span>
        {record.severity ? <span className={`badge ${fatal ? 'badge-trap' : ''}`}>{record.severity}</span> : null}
        <LineButton line={record.line} />
      </header>
      {record.mcaError ? (
        <p className="whea-mca">
          <code>{record.mcaError}</code>
          {record.processor !== undefined ? <> on processor {record.processor}</> : null}
          {record.bank !== undefined ? <>, MCA bank {record.bank}</> : null}
        </p>
      ) : null}
      <Facts
        facts={[
          ['Processor', record.processor],
          ['Bank', record.bank],
          ['Operation', record.operation],
          ['Cache level', record.level !== undefined ? `L${record.level}` : undefined],
          ['Reported by', record.notifyType],
          ['Status', record.status],
          ['Address', record.address2],
          ['Record', record.address],
        ]}
      />
      {record.sections.length > 0 ? <p className="muted small">Sections: {record.sections.join(' · ')}</p> : null}
    </article>
  );
}

/** "Intel(R) Core(TM) i7-8700K CPU @ 3.70GHz" → 3700 (MHz), or undefined. */
export function ratedMhz(name: string | undefined): number | undefined {
  const m = name ? /@\s*([\d.]+)\s*GHz/i.exec(name) : null;
  return m?.[1] ? Math.round(Number.parseFloat(m[1]) * 1000) : undefined;
}

function CpuCard({ cpu }: { cpu: CpuInfoData }) {
  const rated = ratedMhz(cpu.name);
  const over = rated !== undefined && cpu.mhz !== undefined && cpu.mhz > rated * 1.05;
  return (
    <div className="cpu-card">
      <div className="cpu-head">
        <span className="cpu-name">{cpu.name ?? (cpu.machine ? 'Machine' : 'Processor')}</span>
        <LineButton line={cpu.line} />
      </div>
      <Facts
        facts={[
          ['Vendor', cpu.vendor],
          ['Identifier', cpu.identifier],
          ['Speed', cpu.mhz !== undefined ? `${cpu.mhz} MHz${rated !== undefined ? ` (rated ${rated} MHz)` : ''}` : undefined],
        ]}
      />
      {over ? (
        <p className="inline-alert">
          Runs {Math.round((cpu.mhz! / rated! - 1) * 100)}% above its rated speed: probably overclocked.
        </p>
      ) : null}
      {cpu.machine ? <Facts facts={Object.entries(cpu.machine)} /> : null}
    </div>
  );
}

function VerifierCard({ v }: { v: VerifierData }) {
  return (
    <div className="verifier-card">
      <div className="cpu-head">
        <span className="cpu-name">Driver Verifier {v.flags !== undefined ? <code>flags 0x{v.flags.toString(16)}</code> : null}</span>
        <LineButton line={v.line} />
      </div>
      {v.enabled.length > 0 ? (
        <ul className="check-list" aria-label="Verifier checks enabled">
          {v.enabled.map((e) => (
            <li key={e.bit}>
              {e.name} <span className="muted small">(bit {e.bit})</span>
            </li>
          ))}
        </ul>
      ) : (
        <p className="muted">No checks enabled.</p>
      )}
      {v.drivers && v.drivers.length > 0 ? <p>Drivers verified: {v.drivers.join(', ')}</p> : null}
    </div>
  );
}

/** Hardware: WHEA error records, CPU and machine information, Driver Verifier settings. */
export function HardwareSection({ report }: { report: AnalysisReport }) {
  const { whea, cpu } = report.hardware;
  if (whea.length + cpu.length + report.verifier.length === 0) {
    return null;
  }
  return (
    <Section id="hardware" label="Hardware" className="hardware">
      {whea.length > 0 ? (
        <SubSection title="WHEA error records" count={whea.length}>
          <div className="whea-list">
            {whea.map((r) => (
              <WheaCard key={r.line} record={r} />
            ))}
          </div>
        </SubSection>
      ) : null}
      {cpu.length > 0 ? (
        <SubSection title="Processor and machine">
          {cpu.map((c) => (
            <CpuCard key={c.line} cpu={c} />
          ))}
        </SubSection>
      ) : null}
      {report.verifier.length > 0 ? (
        <SubSection title="Driver Verifier">
          {report.verifier.map((v) => (
            <VerifierCard key={v.line} v={v} />
          ))}
        </SubSection>
      ) : null}
    </Section>
  );
}
