/**
 * NL API Design Rules /core/transport/security-headers: personal data must not be cached by a
 * browser or proxy, nor be framed or content-sniffed. (HSTS belongs to the TLS terminator in front.)
 * On every answer of the provider and of the gateway, set when a request arrives, so no route or
 * spelling of a path answers without them.
 */
export const SECURITY_HEADERS: Readonly<Record<string, string>> = {
  'cache-control': 'no-store',
  'x-content-type-options': 'nosniff',
  'x-frame-options': 'DENY',
  'content-security-policy': "frame-ancestors 'none'",
}
