// Shared test setup: jest-dom matchers for component tests.
import '@testing-library/jest-dom/vitest';
