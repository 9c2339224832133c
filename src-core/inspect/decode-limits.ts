/**
 * The most Certscope reads from one file: its size, its number of certificates, and how many
 * unreadable PEM blocks it tries before it stops reading (the rest are counted, not read).
 */
export const decodeLimits = {
  maxFileBytes: 20 * 1024 * 1024,
  maxCertificates: 10_000,
  maxUnreadableBlocks: 1_000,
};
