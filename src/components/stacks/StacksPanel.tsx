import { useEffect, useId, useLayoutEffect, useMemo, useRef, useState } from 'react';
import { canonicalModuleName, classifyModule } from '../../analyzers/knowledge/modules';
import type { AnalysisReport, Stack } from '../../analyzers/types';
import { useAppStoreApi } from '../../store/context';
import {
  collapseFrames,
  stackGroupsOf,
  suspectModuleSet,
  type StackGroupView,
} from '../../store/selectors';
import { Section } from '../results/Section';
import { ShowMoreButton, usePaged } from '../results/ShowMore';
import { LineButton } from '../verdict/LineButton';
import { OriginBadge } from '../verdict/OriginBadge';

/** Groups shown open by default; the rest start folded. */
const OPEN_BY_DEFAULT = 3;
/** Groups rendered per page: thousands of threads stay fast. */
const PAGE = 40;
/** Member stacks of a group listed before "+N more". */
const MEMBERS_SHOWN = 12;

function frameNumber(index: number | undefined, position: number): string {
  return (index ?? position).toString(16).padStart(2, '0');
}

function groupTitle(group: StackGroupView): string {
  if (group.stacks.length === 1) {
    return group.shown.source;
  }
  return `${group.stacks.length} identical stacks (${group.shown.source}, …)`;
}

function Frames({ stack, suspects, driving }: { stack: Stack; suspects: ReadonlySet<string>; driving: number }) {
  const rows = useMemo(() => collapseFrames(stack.frames), [stack.frames]);
  return (
    <ol className="frames" aria-label={`Frames of ${stack.source}`}>
      {rows.map(({ frame, position, count }) => {
        const origin = frame.module === null ? 'none' : classifyModule(frame.module);
        const isSuspect = frame.module !== null && suspects.has(canonicalModuleName(frame.module));
        const isDriving = driving >= position && driving < position + count;
        const classes = ['frame', `frame-${origin}`];
        if (isSuspect) {
          classes.push('is-suspect');
        }
        if (isDriving) {
          classes.push('is-driving');
        }
        if (frame.trapFrame) {
          classes.push('is-trap');
        }
        const rest =
          frame.module === null ? frame.site : frame.site.startsWith(frame.module) ? frame.site.slice(frame.module.length) : ` ${frame.site}`;
        return (
          <li key={position} className={classes.join(' ')}>
            <LineButton line={frame.line} className="frame-button">
              <span className="frame-no">{frameNumber(frame.index, position)}</span>
              <OriginBadge origin={origin} compact />
              <span className="frame-site">
                {frame.module !== null ? <span className="frame-module">{frame.module}</span> : null}
                {rest}
              </span>
              {count > 1 ? (
                <span className="frame-repeat" aria-label={`repeated ${count} times`}>
                  ×{count}
                </span>
              ) : null}
              {frame.trapFrame ? <span className="badge badge-trap">trap frame</span> : null}
              {isDriving ? <span className="badge badge-driving">drives the verdict</span> : isSuspect ? <span className="badge badge-suspect">suspect</span> : null}
              <span className="frame-line">L{frame.line}</span>
            </LineButton>
          </li>
        );
      })}
    </ol>
  );
}

function Members({ group }: { group: StackGroupView }) {
  const [all, setAll] = useState(false);
  const list = all ? group.stacks : group.stacks.slice(0, MEMBERS_SHOWN);
  return (
    <div className="stack-members">
      <span className="muted">Printed for:</span>
      {list.map((s) => (
        <LineButton key={s.line} line={s.line} className="line-chip member-chip">
          {s.thread !== undefined ? `thread ${s.thread}` : s.processor !== undefined ? `CPU ${s.processor}` : s.source} · L{s.line}
        </LineButton>
      ))}
      {group.stacks.length > MEMBERS_SHOWN ? (
        <button type="button" className="button button-small" onClick={() => setAll((a) => !a)} aria-expanded={all}>
          {all ? 'Fewer' : `+${group.stacks.length - MEMBERS_SHOWN} more`}
        </button>
      ) : null}
    </div>
  );
}

function StackGroupCard({
  group,
  suspects,
  open,
  onToggle,
  focusRef,
}: {
  group: StackGroupView;
  suspects: ReadonlySet<string>;
  open: boolean;
  onToggle: () => void;
  focusRef?: React.Ref<HTMLButtonElement>;
}) {
  const bodyId = useId();
  const stack = group.shown;
  const suspectFrames = stack.frames.some((f) => f.module !== null && suspects.has(canonicalModuleName(f.module)));
  return (
    <div className={`stack${group.driving >= 0 ? ' is-verdict' : ''}`} data-stack-line={stack.line}>
      <h3 className="stack-heading">
        <button ref={focusRef} type="button" className="stack-summary" aria-expanded={open} aria-controls={bodyId} onClick={onToggle}>
          <span className="stack-chevron" aria-hidden="true">
            ▸
          </span>
          <span className="stack-source">{groupTitle(group)}</span>
          <span className="stack-meta">
            {group.stacks.length > 1 ? <span className="badge badge-group">×{group.stacks.length}</span> : null}
            {group.driving >= 0 ? <span className="badge badge-driving">verdict</span> : suspectFrames ? <span className="badge badge-suspect">suspect frames</span> : null}
            <span>
              {stack.frames.length} frame{stack.frames.length === 1 ? '' : 's'}
            </span>
          </span>
        </button>
      </h3>
      {open ? (
        <div className="stack-body" id={bodyId}>
          <div className="stack-tools">
            <span className="muted">Printed at</span>
            <LineButton line={stack.line} />
            {stack.thread ? <span className="muted">· thread {stack.thread}</span> : null}
            {stack.processor !== undefined ? <span className="muted">· processor {stack.processor}</span> : null}
            {stack.context ? <span className="badge">set context</span> : null}
          </div>
          {group.stacks.length > 1 ? <Members group={group} /> : null}
          {stack.frames.length > 0 ? (
            <Frames stack={stack} suspects={suspects} driving={group.driving} />
          ) : (
            <p className="muted stack-empty">No frames could be read from this stack.</p>
          )}
        </div>
      ) : null}
    </div>
  );
}

function matches(group: StackGroupView, needle: string): boolean {
  return group.signature.includes(needle) || group.stacks.some((s) => s.source.toLowerCase().includes(needle) || (s.thread ?? '').toLowerCase() === needle);
}

/**
 * Every stack in the report: identical stacks grouped with a count, module
 * badges, repeated frames collapsed, trap frames marked, and the frame that
 * drives the verdict highlighted. Long lists are paged and filterable.
 */
export function StacksPanel({ report }: { report: AnalysisReport }) {
  const suspects = suspectModuleSet(report);
  const groups = stackGroupsOf(report);
  const [filter, setFilter] = useState('');
  const needle = filter.trim().toLowerCase();
  const filtered = useMemo(() => (needle === '' ? groups : groups.filter((g) => matches(g, needle))), [groups, needle]);
  const paged = usePaged(filtered, PAGE);
  const [toggled, setToggled] = useState<ReadonlyMap<string, boolean>>(new Map());
  const focusTarget = useRef<string | null>(null);
  const focusButton = useRef<HTMLButtonElement | null>(null);
  // The first groups start open (the one that drives the verdict is first); the rest folded.
  const isOpen = (g: StackGroupView, i: number) => toggled.get(g.signature) ?? i < OPEN_BY_DEFAULT;
  const store = useAppStoreApi();
  const latest = useRef({ groups, ensureVisible: paged.ensureVisible });
  useLayoutEffect(() => {
    latest.current = { groups, ensureVisible: paged.ensureVisible };
  });

  // "Show the owner's stack" from Threads & locks: open the group, bring it into view, focus it.
  useEffect(
    () =>
      store.subscribe((state, prev) => {
        const request = state.stackFocus;
        if (!request || request === prev.stackFocus) {
          return;
        }
        const { groups: all, ensureVisible } = latest.current;
        const target = all.find((g) => g.stacks.some((s) => s.line === request.line));
        if (!target) {
          return;
        }
        setFilter('');
        ensureVisible(all.indexOf(target));
        setToggled((m) => new Map(m).set(target.signature, true));
        focusTarget.current = target.signature;
      }),
    [store],
  );

  useEffect(() => {
    if (focusTarget.current !== null && focusButton.current) {
      focusTarget.current = null;
      // jsdom has no scrollIntoView.
      if (typeof focusButton.current.scrollIntoView === 'function') {
        focusButton.current.scrollIntoView({ block: 'start' });
      }
      focusButton.current.focus({ preventScroll: true });
    }
  });

  if (report.stacks.length === 0) {
    return null;
  }
  const identical = report.stacks.length - groups.length;
  return (
    <Section
      id="stacks"
      label="Stacks"
      count={report.stacks.length}
      className="stacks"
      tools={
        groups.length > 3 ? (
          <input
            type="search"
            className="filter-input"
            placeholder="Filter: module, symbol, thread…"
            aria-label="Filter stacks"
            value={filter}
            onChange={(e) => {
              setFilter(e.target.value);
              paged.reset();
            }}
          />
        ) : null
      }
    >
      {identical > 0 ? (
        <p className="muted small section-note">
          {report.stacks.length} stacks, {groups.length} distinct: identical stacks are shown once with a count.
        </p>
      ) : null}
      {needle !== '' && filtered.length === 0 ? <p className="muted">No stack matches “{filter}”.</p> : null}
      {paged.visible.map((g) => {
        const i = groups.indexOf(g);
        return (
          <StackGroupCard
            key={g.signature}
            group={g}
            suspects={suspects}
            open={isOpen(g, i)}
            onToggle={() => setToggled((m) => new Map(m).set(g.signature, !isOpen(g, i)))}
            focusRef={(el) => {
              if (focusTarget.current === g.signature) {
                focusButton.current = el;
              }
            }}
          />
        );
      })}
      <ShowMoreButton more={paged.more} page={PAGE} onClick={paged.showMore} what="stacks" />
    </Section>
  );
}
