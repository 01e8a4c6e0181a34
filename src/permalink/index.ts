/**
 * Sharing: versioned URL-fragment payloads and share files (codec.ts), and
 * redaction of personal identifiers before sharing (redact.ts).
 */
export * from './codec';
export * from './redact';
