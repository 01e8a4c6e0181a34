import type { AnalysisReport, DevObjData, DevStackData } from '../../analyzers/types';
import { LineButton } from '../verdict/LineButton';

interface Node {
  driver?: string;
  device?: string;
  name?: string;
  current?: boolean;
  line: number;
}

function Chain({ nodes, label }: { nodes: Node[]; label: string }) {
  return (
    <ol className="device-chain" aria-label={label}>
      {nodes.map((n, i) => (
        <li key={`${n.line}-${i}`} className={`device-node${n.current ? ' is-current' : ''}`}>
          <span className="device-driver">{n.driver ?? 'unknown driver'}</span>
          {n.name ? <span className="device-name">{n.name}</span> : null}
          {n.device ? <code className="device-address">{n.device}</code> : null}
          {n.current ? <span className="badge badge-current">asked about</span> : null}
          <LineButton line={n.line} />
        </li>
      ))}
    </ol>
  );
}

function devobjNodes(d: DevObjData): Node[] {
  const nodes: Node[] = [];
  if (d.attachedDevice) {
    nodes.push({ driver: d.attachedDevice.driver, device: d.attachedDevice.address, line: d.attachedDevice.line });
  }
  const self: Node = { current: true, line: d.line };
  if (d.driver) {
    self.driver = d.driver;
  }
  if (d.address) {
    self.device = d.address;
  }
  if (d.name) {
    self.name = d.name;
  }
  nodes.push(self);
  if (d.attachedTo) {
    nodes.push({ driver: d.attachedTo.driver, device: d.attachedTo.address, line: d.attachedTo.line });
  }
  return nodes;
}

function devstackNodes(s: DevStackData): Node[] {
  return s.entries.map((e) => ({ driver: e.driver, device: e.device, name: e.name, current: e.current, line: e.line }));
}

/** Device stacks, top (filters) to bottom (the bus driver), from `!devobj` and `!devstack`. */
export function DeviceChains({ report }: { report: AnalysisReport }) {
  return (
    <div className="device-chains">
      {report.devices.map((d, i) => (
        <div key={`o${i}`} className="device-chain-card">
          <div className="chain-caption">
            <code>!devobj</code> {d.name ? <strong>{d.name}</strong> : null}
          </div>
          <Chain nodes={devobjNodes(d)} label={`Device ${d.address ?? d.name ?? i + 1}: attached devices, top to bottom`} />
        </div>
      ))}
      {report.devStacks.map((s, i) => (
        <div key={`s${i}`} className="device-chain-card">
          <div className="chain-caption">
            <code>!devstack</code> {s.serviceName ? <span className="muted">service {s.serviceName}</span> : null}
          </div>
          <Chain nodes={devstackNodes(s)} label={`Device stack ${i + 1}, top to bottom`} />
        </div>
      ))}
    </div>
  );
}
