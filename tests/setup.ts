// Shared test setup: jest-dom matchers for component tests.
import '@testing-library/jest-dom/vitest';

// findBy…/waitFor wait for a state, not for a time: on a busy machine (two cores shared by
// several test runs) a lazy chunk or a time-sliced render can take more than the default 1 s.
import { configure } from '@testing-library/dom';
configure({ asyncUtilTimeout: 15_000 });
