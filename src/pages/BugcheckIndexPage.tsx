import { BugcheckIndex } from '../components/reference/BugcheckIndex';
import '../components/reference/reference.css';

/** `/bugcheck`: the searchable list of stop codes (lazy route: the tables load only here). */
export default function BugcheckIndexPage() {
  return (
    <main id="main" tabIndex={-1} className="page prose ref-page">
      <title>Bug check reference — dumplens</title>
      <BugcheckIndex />
    </main>
  );
}
