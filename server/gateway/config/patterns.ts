/**
 * Patterns for values the gateway hands to other systems, in one place: the configuration's schema
 * checks them at start, the roster and the single-sign-on claims mapping when a medewerker is
 * provisioned, the Kamailio generator when it writes its files.
 */

/** A SIP user part (an agent's extension, a group address, a guest): lower case, URI- and db_text-safe. */
export const SIP_USER_PATTERN = '^[a-z0-9][a-z0-9._-]{0,31}$'

/** An afdeling's id, as the configuration and the single-sign-on group mapping name it. */
export const AFDELING_ID_PATTERN = '^[a-z0-9][a-z0-9-]{0,31}$'

/**
 * The shared secret of the ephemeral SIP credentials: 32–512 printable ASCII characters without
 * space, quote or backslash, because Kamailio reads it as a string literal (deploy/kamailio).
 */
export const SIP_SECRET_PATTERN = '^[\\x21\\x23-\\x5b\\x5d-\\x7e]{32,512}$'

export const SIP_USER = new RegExp(SIP_USER_PATTERN)
export const SIP_SECRET = new RegExp(SIP_SECRET_PATTERN)
