/** The most Certscope reads from one file: its size and its number of certificates. */
export const decodeLimits = { maxFileBytes: 20 * 1024 * 1024, maxCertificates: 10_000 };
