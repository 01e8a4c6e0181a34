import { Link } from 'react-router';
import { MAX_HISTORY } from '../history/local-store';

/** What dumplens is, and that nothing leaves the browser. */
export default function AboutPage() {
  return (
    <main id="main" tabIndex={-1} className="page prose">
      <title>About — dumplens</title>
      <h1>About dumplens</h1>
      <p className="lead">
        dumplens reads the text output of the Windows debuggers — WinDbg, kd and cdb — and tells you in plain words what crashed
        and which driver to suspect, with every piece of evidence linked to the line it came from.
      </p>

      <h2>Everything stays on your computer</h2>
      <ul>
        <li>The analysis runs entirely in this browser tab, in a background worker. There is no server side.</li>
        <li>Nothing you paste or open is uploaded, logged or sent anywhere: no accounts, no analytics, no third-party requests.</li>
        <li>Files you open are read locally by the browser. Once the page has loaded, analysis needs no network connection.</li>
        <li>
          A Content Security Policy tells the browser to refuse any connection to another site, so not even a bug could send your
          text elsewhere.
        </li>
      </ul>

      <h2>What is kept in this browser</h2>
      <ul>
        <li>
          <strong>Your draft</strong>: the text in the editor is saved as you type, so a reload or a crashed tab loses nothing.
          Empty the editor to clear it.
        </li>
        <li>
          <strong>History</strong>: your recent analyses (at most {MAX_HISTORY}), each with its text and a short summary. Open{' '}
          <em>History</em> to reopen or delete one, or <em>Clear all</em>.
        </li>
        <li>
          <strong>Settings</strong>: your theme choice. A shared analysis you are viewing is remembered for this tab only.
        </li>
        <li>
          <strong>The app itself</strong>, so that it also works offline. New versions are installed only when you choose{' '}
          <em>Reload</em>.
        </li>
      </ul>
      <p>
        All of it lives in this browser&rsquo;s storage for this site (IndexedDB and localStorage) and never leaves your computer. To
        remove everything at once, clear this site&rsquo;s data in your browser&rsquo;s settings.
      </p>

      <h2>Sharing</h2>
      <p>
        <em>Share</em> packs the text, or only the analysis, into the link itself, after the <code>#</code>: browsers never send
        that part to a server, so nothing is uploaded. Anyone who gets the link can read what it carries, so dumplens first offers
        to replace user and computer names, IP and MAC addresses, SIDs, serial numbers, e-mail addresses and private server names with
        placeholders such as <code>&lt;USER1&gt;</code> — check the preview before you send it. When the link would be too long,
        download a <code>.dumplens</code> share file instead; it opens with <em>Open file</em> or by dropping it on the page.
      </p>

      <h2>What to paste</h2>
      <p>
        Open the crash dump (<code>.dmp</code>) in WinDbg and paste the output of <code>!analyze -v</code>. The more context, the
        better: stacks (<code>kv</code>, <code>!thread</code>), <code>lm vm</code> of a suspect driver, <code>!locks</code>,{' '}
        <code>!vm</code>, <code>!poolused</code>, <code>!irp</code>, <code>!devobj</code>, <code>!drvobj</code>, <code>!errrec</code>{' '}
        and more are recognised, with or without their prompt line. Forum copies with curly quotes, doubled blank lines or
        collapsed spacing are fine. dumplens reads text: it cannot open a <code>.dmp</code> file itself.
      </p>

      <h2>How to read the verdict</h2>
      <ul>
        <li>
          The <strong>bug check</strong> is the stop code, with its arguments decoded.
        </li>
        <li>
          <strong>Suspects</strong> are ranked modules; a confidence of 50% or more means dumplens blames that module. Each reason
          links to its line in the input.
        </li>
        <li>
          <strong>Microsoft</strong> modules (such as <code>nt</code> or <code>ndis</code>) are rarely the root cause when a third-party
          driver sits below them on the stack.
        </li>
        <li>
          <strong>Next steps</strong> are debugger commands worth running to confirm the verdict.
        </li>
      </ul>
      <p>
        dumplens is a triage aid, not a debugger: it follows the evidence in the text you give it. Confirm its conclusions before
        you replace hardware or uninstall software.
      </p>

      <h2>Keyboard</h2>
      <ul>
        <li>
          In the editor: <kbd>Ctrl</kbd>+<kbd>F</kbd> finds, <kbd>Ctrl</kbd>+<kbd>G</kbd> goes to a line, <kbd>Tab</kbd> moves focus on
          to the next control.
        </li>
        <li>Every reason, finding line and stack frame is a button: press it to show that line in the editor.</li>
        <li>The splitter between the editor and the results moves with the arrow keys.</li>
      </ul>

      <p>
        <Link to="/" className="button button-primary">
          Back to the workspace
        </Link>
      </p>
    </main>
  );
}
