// @vitest-environment jsdom
import { screen, within } from '@testing-library/react';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { analyze } from '../../src/analyzers/index';
import { ExportMenu } from '../../src/components/export/ExportMenu';
import { readTextFile } from '../../src/lib/read-file';
import { toBBCode } from '../../src/export';
import { renderWithApp } from '../render';

const S04 = readFileSync(join(__dirname, '../fixtures/seeds/s04-9f-power-irp-zteusbnet.txt'), 'utf8');

let blobs: Blob[];
beforeEach(() => {
  blobs = [];
  URL.createObjectURL = vi.fn((blob: Blob) => {
    blobs.push(blob);
    return 'blob:test/1';
  });
  URL.revokeObjectURL = vi.fn();
  vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(() => {});
});
afterEach(() => {
  vi.restoreAllMocks();
});

describe('ExportMenu', () => {
  it('is disabled until there is a report', () => {
    renderWithApp(<ExportMenu />, { text: '' });
    expect(screen.getByRole('button', { name: 'Export' })).toBeDisabled();
  });

  it('offers copy and download for every format, and print', async () => {
    const { user } = renderWithApp(<ExportMenu />, { text: S04, report: analyze(S04) });
    await user.click(screen.getByRole('button', { name: 'Export' }));
    const menu = screen.getByRole('menu', { name: 'Export the report' });
    const names = within(menu).getAllByRole('menuitem').map((el) => el.getAttribute('aria-label') ?? el.textContent);
    expect(names).toEqual([
      'Copy as Markdown',
      'Download as Markdown (.md)',
      'Copy as BBCode',
      'Download as BBCode (.txt)',
      'Copy as plain text',
      'Download as plain text (.txt)',
      'Copy as JSON',
      'Download as JSON (.json)',
      expect.stringMatching(/^Print…/),
    ]);
    expect(within(menu).getByRole('menuitem', { name: 'Copy as Markdown' })).toHaveFocus();
  });

  it('copies the report as BBCode for a forum', async () => {
    const report = analyze(S04);
    const { user } = renderWithApp(<ExportMenu />, { text: S04, report });
    await user.click(screen.getByRole('button', { name: 'Export' }));
    await user.click(screen.getByRole('menuitem', { name: 'Copy as BBCode' }));
    expect(await navigator.clipboard.readText()).toBe(toBBCode(report));
    expect(screen.getByRole('status')).toHaveTextContent('Copied as BBCode.');
    expect(screen.queryByRole('menu')).toBeNull();
  });

  it('downloads the report as JSON under a name from the bug check and suspect', async () => {
    const { user } = renderWithApp(<ExportMenu />, { text: S04, report: analyze(S04) });
    await user.click(screen.getByRole('button', { name: 'Export' }));
    await user.click(screen.getByRole('menuitem', { name: 'Download as JSON (.json)' }));
    const json = JSON.parse((await readTextFile(blobs[0]!)).text) as { bugcheck: { name: string }; suspects: { module: string }[] };
    expect(json.bugcheck.name).toBe('DRIVER_POWER_STATE_FAILURE');
    expect(json.suspects[0]?.module).toBe('ZTEusbnet');
    const anchor = vi.mocked(HTMLAnchorElement.prototype.click).mock.contexts[0] as HTMLAnchorElement;
    expect(anchor.download).toBe('dumplens-DRIVER_POWER_STATE_FAILURE-ZTEusbnet.json');
  });

  it('prints, opening collapsed stacks for the printout and closing them after', async () => {
    const print = vi.fn(() => {
      window.dispatchEvent(new Event('beforeprint'));
      expect(document.querySelector('details')?.open).toBe(true);
      window.dispatchEvent(new Event('afterprint'));
    });
    window.print = print;
    const { user } = renderWithApp(
      <>
        <ExportMenu />
        <div className="pane-results">
          <details>
            <summary>stack</summary>frames
          </details>
        </div>
      </>,
      { text: S04, report: analyze(S04) },
    );
    await user.click(screen.getByRole('button', { name: 'Export' }));
    await user.click(screen.getByRole('menuitem', { name: /Print/ }));
    await vi.waitFor(() => expect(print).toHaveBeenCalledOnce());
    expect(document.querySelector('details')?.open).toBe(false);
  });
});
